using System.Globalization;
using System.Linq.Expressions;
using Djoser.Configuration;
using Djoser.Data;
using Djoser.Endpoints;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Djoser.Emails.Outbox;

/// <summary>
/// Delivers queued e-mails. Each pass uses a scope of its own, claims due rows one by one with a conditional update
/// (the row's "due and not leased" is re-checked by the database, so of several instances on one database exactly one
/// wins each row, on SQLite and PostgreSQL alike), then loads the user, mints the link and sends. A success stamps
/// <see cref="DjoserOutboxMessage.SentAt"/>; a failure schedules a retry with exponential backoff until
/// <c>Djoser:Email:Outbox:MaxAttempts</c>; a row whose link expired, whose user is gone, or whose link e-mail's address
/// is no longer the user's is given up without sending.
/// </summary>
internal sealed class DjoserOutboxDispatcher<TUser, TKey, TContext> : IDjoserOutboxDispatcher
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
    where TContext : DbContext
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<DjoserOptions> _options;
    private readonly TimeProvider _time;
    private readonly DjoserOutboxMetrics _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _pass = new(1, 1);
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public DjoserOutboxDispatcher(
        IServiceScopeFactory scopes,
        IOptions<DjoserOptions> options,
        TimeProvider time,
        DjoserOutboxMetrics metrics,
        ILogger<DjoserOutboxDispatcher<TUser, TKey, TContext>> logger)
    {
        _scopes = scopes;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>This dispatcher's name in <see cref="DjoserOutboxMessage.ClaimedBy"/>: host, process and a random part.</summary>
    public string InstanceId { get; } = string.Create(CultureInfo.InvariantCulture, $"{Truncate(Environment.MachineName, 40)}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<TContext>();
            var handled = 0;
            while (true)
            {
                var claimed = await ClaimAsync(db, cancellationToken).ConfigureAwait(false);
                if (claimed.Count == 0)
                {
                    break;
                }

                foreach (var message in claimed)
                {
                    await DeliverAsync(services, db, message, cancellationToken).ConfigureAwait(false);
                    handled++;
                }
            }

            await PruneAsync(db, cancellationToken).ConfigureAwait(false);
            _metrics.Backlog = await db.Set<DjoserOutboxMessage>().LongCountAsync(m => m.SentAt == null && m.FailedAt == null, cancellationToken).ConfigureAwait(false);
            return handled;
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>
    /// Deletes sent and given-up rows older than <c>Djoser:Email:Outbox:Retention</c>, at most once an hour per
    /// dispatcher; rows still to deliver are never touched. Several instances deleting at once is harmless.
    /// </summary>
    private async Task PruneAsync(TContext db, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + TimeSpan.FromHours(1);
        var before = now - _options.Value.Email.Outbox.Retention;
        var deleted = await db.Set<DjoserOutboxMessage>()
            .Where(m => (m.SentAt != null && m.SentAt < before) || (m.FailedAt != null && m.FailedAt < before))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            Log.OutboxPruned(_logger, deleted);
        }
    }

    /// <summary>Claims up to a batch of due rows for this instance and returns those it won.</summary>
    internal async Task<List<DjoserOutboxMessage>> ClaimAsync(TContext db, CancellationToken cancellationToken)
    {
        var outbox = _options.Value.Email.Outbox;
        var now = _time.GetUtcNow();
        var until = now + outbox.Lease;
        var set = db.Set<DjoserOutboxMessage>();
        var candidates = await set.AsNoTracking().Where(Due(now)).OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(outbox.BatchSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var won = new List<DjoserOutboxMessage>();
        foreach (var id in candidates)
        {
            // The WHERE is evaluated again by the database at update time: a row another instance claimed or sent
            // meanwhile matches no more, so one affected row means the row is ours alone until the lease ends.
            var claimed = await set.Where(m => m.Id == id).Where(Due(now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, InstanceId).SetProperty(m => m.ClaimedUntil, until), cancellationToken)
                .ConfigureAwait(false);
            if (claimed == 1 && await set.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false) is { } message)
            {
                won.Add(message);
            }
        }

        return won;
    }

    private static Expression<Func<DjoserOutboxMessage, bool>> Due(DateTimeOffset now) =>
        m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now);

    private async Task DeliverAsync(IServiceProvider services, TContext db, DjoserOutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.ExpiresAt <= _time.GetUtcNow())
        {
            await GiveUpAsync(db, message, "The e-mail expired before it could be delivered.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var user = await services.GetRequiredService<UserManager<TUser>>().FindByIdAsync(message.UserId).ConfigureAwait(false);
        if (user is null)
        {
            await GiveUpAsync(db, message, "The user no longer exists.", cancellationToken).ConfigureAwait(false);
            return;
        }

        // A link is bound to the address it was meant for: sent to an old one, it would open the account of a new one.
        if (DjoserAccountEmails<TUser, TKey>.BoundAddress(message) is { } bound
            && !string.Equals(user.Email ?? string.Empty, bound, StringComparison.OrdinalIgnoreCase))
        {
            await GiveUpAsync(db, message, "The user's e-mail address changed after the e-mail was queued.", cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            var context = await services.GetRequiredService<DjoserAccountEmails<TUser, TKey>>().ComposeAsync(message, user, cancellationToken).ConfigureAwait(false);
            await services.GetRequiredService<IDjoserEmailSender>().SendAsync(message.Kind, context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: not an attempt. Hand the row back so the next instance need not wait for the lease.
            await Mine(db, message).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None)
                .ConfigureAwait(false);
            throw;
        }
        catch (Exception exception)
        {
            await RetryOrFailAsync(db, message, exception, cancellationToken).ConfigureAwait(false);
            return;
        }

        var sentAt = _time.GetUtcNow();
        var attempts = message.Attempts + 1;
        await Mine(db, message).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
            CancellationToken.None).ConfigureAwait(false);
        _metrics.Sent(message.Kind);
        Log.OutboxSent(_logger, message.Kind, message.Id, attempts);
    }

    private async Task RetryOrFailAsync(TContext db, DjoserOutboxMessage message, Exception exception, CancellationToken cancellationToken)
    {
        var outbox = _options.Value.Email.Outbox;
        var attempts = message.Attempts + 1;
        var error = Truncate($"{exception.GetType().Name}: {exception.Message}", DjoserOutboxMessage.MaxErrorLength);
        var now = _time.GetUtcNow();
        if (attempts >= outbox.MaxAttempts)
        {
            await Mine(db, message).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.FailedAt, now).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
                cancellationToken).ConfigureAwait(false);
            _metrics.Failed(message.Kind);
            Log.OutboxFailed(_logger, exception, message.Kind, message.Id, attempts);
            return;
        }

        var next = now + Backoff(outbox, attempts);
        await Mine(db, message).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, error)
                .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
            cancellationToken).ConfigureAwait(false);
        _metrics.Retried(message.Kind);
        Log.OutboxRetried(_logger, exception, message.Kind, message.Id, attempts, next);
    }

    private async Task GiveUpAsync(TContext db, DjoserOutboxMessage message, string reason, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await Mine(db, message).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.FailedAt, now).SetProperty(m => m.LastError, reason)
                .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
            cancellationToken).ConfigureAwait(false);
        _metrics.Failed(message.Kind);
        Log.OutboxExpired(_logger, message.Kind, message.Id, reason);
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failure: base × 2^(attempts−1), at most the maximum.</summary>
    internal static TimeSpan Backoff(DjoserOutboxOptions outbox, int attempts)
    {
        var ticks = outbox.BaseDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 62));
        return ticks >= outbox.MaxDelay.Ticks ? outbox.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The row, while this instance still holds it.</summary>
    private IQueryable<DjoserOutboxMessage> Mine(TContext db, DjoserOutboxMessage message) =>
        db.Set<DjoserOutboxMessage>().Where(m => m.Id == message.Id && m.ClaimedBy == InstanceId);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
