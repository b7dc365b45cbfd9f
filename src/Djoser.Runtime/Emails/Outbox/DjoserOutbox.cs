using Djoser.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Djoser.Emails.Outbox;

/// <summary>
/// The outbox over the application's scoped <typeparamref name="TContext"/>: Identity's stores save through the same
/// context, so a transaction begun here spans the user change and the queued rows. It runs under the provider's
/// execution strategy (a retrying strategy needs the whole unit inside it), joins an ambient transaction instead of
/// nesting one, and wakes this instance's dispatcher once the rows are committed.
/// </summary>
internal sealed class DjoserOutbox<TContext>(TContext context, DjoserOutboxSignal signal) : IDjoserOutbox
    where TContext : DbContext
{
    // Whether rows were queued since the last commit or rollback: a unit that queued nothing (a registration without
    // activation e-mail) must not wake the dispatcher, whose pass would only compete with the requests (issue 13).
    private bool _queued;

    public void Add(DjoserOutboxMessage message)
    {
        context.Set<DjoserOutboxMessage>().Add(message);
        _queued = true;
    }

    public async Task<IResult?> InTransactionAsync(Func<Task<IResult?>> change, CancellationToken cancellationToken)
    {
        var database = context.Database;
        if (database.CurrentTransaction is not null)
        {
            // The caller's transaction: it commits or rolls back, and the poll picks the rows up after its commit.
            var refused = await change();
            if (refused is null)
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            else
            {
                ForgetQueued();
            }

            return refused;
        }

        var strategy = database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(
            async ct =>
            {
                await using var transaction = await database.BeginTransactionAsync(ct);
                try
                {
                    var refused = await change();
                    if (refused is not null)
                    {
                        await transaction.RollbackAsync(ct);
                        ForgetQueued();
                        return refused;
                    }

                    await context.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return null;
                }
                catch
                {
                    // Disposing rolls the transaction back; rows still tracked must not be saved by a later call.
                    ForgetQueued();
                    throw;
                }
            },
            cancellationToken);

        if (result is null && _queued)
        {
            _queued = false;
            signal.Notify();
        }

        return result;
    }

    private void ForgetQueued()
    {
        _queued = false;
        foreach (var entry in context.ChangeTracker.Entries<DjoserOutboxMessage>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }
}
