using System.Collections.Concurrent;
using Djoser.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Data;

/// <summary>
/// A few of the application's contexts kept with their connections open, for the one query of the authenticated path
/// that misses the token cache (issue 13). A request's own context opens a pooled connection for the query and closes
/// it again, and EF makes a new command that the database compiles again; together that costs more than the query.
/// A kept context skips the open and the close, and <see cref="DjoserPreparedLookups"/> runs its query on a command
/// prepared once on its connection.
/// </summary>
/// <remarks>
/// <para>
/// Each context is used by one query at a time and only for untracked reads, so it holds no state between them; each
/// query is its own statement and sees what was committed before it, as on a fresh connection. At most
/// <see cref="DjoserDatabaseOptions.LookupConnections"/> exist, and the token lookups never run more queries at once
/// (<see cref="DjoserLookupBatcher{TKey, TResult}"/>); a query that still finds all of them busy runs on a context of
/// a scope of its own.
/// </para>
/// <para>
/// A query that fails because its connection broke (closed by the server while it was kept or idle in the provider's
/// pool, a restarted database) is run once more on a fresh one: a connection that went stale while idle is not the
/// request's fault. A context a query failed on is dropped either way. Kept contexts come from scopes of the
/// application's own provider, so they are built with the application's options and interceptors, and they are
/// disposed with it. One that no lookup has used for <see cref="IdleLifetime"/> is closed, so the connections a burst
/// of misses opened go back to the pool.
/// </para>
/// </remarks>
internal sealed class DjoserLookupContexts<TContext>(IServiceScopeFactory scopes, IOptions<DjoserOptions> options, TimeProvider time)
    : IAsyncDisposable, IDisposable
    where TContext : DbContext
{
    /// <summary>How long a kept context may go unused before it is closed (checked as often).</summary>
    internal static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentBag<Lease> _idle = [];
    private readonly int _capacity = options.Value.Database.LookupConnections;
    private int _count;
    private volatile bool _disposed;
    private ITimer? _trim;

    /// <summary>How many kept contexts exist now (busy or idle); for tests.</summary>
    internal int Count => Volatile.Read(ref _count);

    /// <summary>How many commands the idle kept contexts have prepared; for tests.</summary>
    internal int Prepared => _idle.Sum(lease => lease.Statements.Prepared);

    /// <summary>
    /// Runs <paramref name="query"/> on a kept context, or on a context of a scope of its own when every kept one is busy.
    /// </summary>
    public async Task<TResult> QueryAsync<TArgument, TResult>(
        TArgument argument,
        Func<TContext, TArgument, CancellationToken, Task<TResult>> query,
        CancellationToken cancellationToken)
    {
        var lease = _idle.TryTake(out var kept) ? kept : await TryCreateAsync(cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return await RunUnkeptAsync(argument, query, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await RunAsync(lease, argument, query, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lease.Broke && !cancellationToken.IsCancellationRequested)
        {
            // The connection had gone stale (the server closed it while it was kept or pooled, the database restarted):
            // once more, on a fresh one. A query that fails on a connection still open (a timeout, a missing table)
            // fails as it is.
        }

        var fresh = await TryCreateAsync(cancellationToken).ConfigureAwait(false);
        return fresh is null
            ? await RunUnkeptAsync(argument, query, cancellationToken).ConfigureAwait(false)
            : await RunAsync(fresh, argument, query, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_trim is not null)
        {
            await _trim.DisposeAsync().ConfigureAwait(false);
        }

        while (_idle.TryTake(out var lease))
        {
            await DropAsync(lease).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _trim?.Dispose();
        while (_idle.TryTake(out var lease))
        {
            Drop(lease);
        }
    }

    /// <summary>Closes the kept contexts no lookup has used for <see cref="IdleLifetime"/>; the timer's callback.</summary>
    internal void Trim()
    {
        var now = time.GetTimestamp();
        var recent = new List<Lease>();
        while (_idle.TryTake(out var lease))
        {
            if (time.GetElapsedTime(lease.IdleSince, now) >= IdleLifetime)
            {
                Drop(lease);
            }
            else
            {
                recent.Add(lease);
            }
        }

        foreach (var lease in recent)
        {
            _idle.Add(lease);
        }
    }

    /// <summary>Runs the query on a context of a scope of its own, opening and closing a connection as EF does.</summary>
    private async Task<TResult> RunUnkeptAsync<TArgument, TResult>(
        TArgument argument,
        Func<TContext, TArgument, CancellationToken, Task<TResult>> query,
        CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await query(scope.ServiceProvider.GetRequiredService<TContext>(), argument, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the query on <paramref name="lease"/>, then keeps it, or drops it if the query failed.</summary>
    private async Task<TResult> RunAsync<TArgument, TResult>(
        Lease lease,
        TArgument argument,
        Func<TContext, TArgument, CancellationToken, Task<TResult>> query,
        CancellationToken cancellationToken)
    {
        TResult result;
        try
        {
            DjoserPreparedLookups.Run(lease.Statements);
            result = await query(lease.Context, argument, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lease.Broke = lease.Context.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
            await DropAsync(lease).ConfigureAwait(false);
            throw;
        }

        lease.IdleSince = time.GetTimestamp();
        _idle.Add(lease);
        if (_disposed && _idle.TryTake(out var late))
        {
            // Disposed while this query ran: nothing keeps contexts any more.
            await DropAsync(late).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>A new kept context with its connection open, or <c>null</c> when all <see cref="DjoserDatabaseOptions.LookupConnections"/> are in use.</summary>
    private async Task<Lease?> TryCreateAsync(CancellationToken cancellationToken)
    {
        if (_disposed || Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            return null;
        }

        var scope = scopes.CreateAsyncScope();
        try
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (_trim is null)
            {
                var trim = time.CreateTimer(static state => ((DjoserLookupContexts<TContext>)state!).Trim(), this, IdleLifetime, IdleLifetime);
                if (Interlocked.CompareExchange(ref _trim, trim, null) is not null || _disposed)
                {
                    // Another lookup started the timer first, or the application is stopping.
                    trim.Dispose();
                }
            }

            return new Lease(scope, context, new DjoserPreparedLookups.Statements(context.Database.GetDbConnection()));
        }
        catch
        {
            Interlocked.Decrement(ref _count);
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Drop(Lease lease)
    {
        Interlocked.Decrement(ref _count);
        lease.Statements.Dispose();
        lease.Scope.Dispose();
    }

    private async ValueTask DropAsync(Lease lease)
    {
        Interlocked.Decrement(ref _count);
        await lease.Statements.DisposeAsync().ConfigureAwait(false);
        await lease.Scope.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Lease(AsyncServiceScope scope, TContext context, DjoserPreparedLookups.Statements statements)
    {
        public AsyncServiceScope Scope { get; } = scope;

        public TContext Context { get; } = context;

        /// <summary>The commands prepared on its connection (<see cref="DjoserPreparedLookups"/>).</summary>
        public DjoserPreparedLookups.Statements Statements { get; } = statements;

        /// <summary>Whether its connection was no longer open after a query failed on it.</summary>
        public bool Broke { get; set; }

        /// <summary>When it was last given back (<see cref="TimeProvider.GetTimestamp"/>).</summary>
        public long IdleSince { get; set; }
    }
}
