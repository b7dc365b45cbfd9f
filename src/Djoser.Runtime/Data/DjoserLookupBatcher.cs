using System.Collections.Concurrent;

namespace Djoser.Data;

/// <summary>
/// Coalesces concurrent lookups by key into batches, each answered by one query (issue 13): at most
/// <c>concurrency</c> queries run at once, and the lookups that arrive meanwhile go together in the next one, up to
/// <c>batchSize</c> keys. A lookup that finds a query slot free starts its query at once, so a lone request waits for
/// nothing; only under load do lookups share a round trip to the database.
/// </summary>
/// <remarks>
/// A lookup only ever joins a query that has not been sent yet, so its answer was read after the lookup began, as if
/// it had run a query of its own: nothing committed before it (a revoked token, a deleted user) is missed. A query
/// serves several requests, so no single request's cancellation stops it; its command timeout bounds it, and its
/// failure is the failure of its lookups and of those waiting behind it.
/// </remarks>
internal sealed class DjoserLookupBatcher<TKey, TResult>
    where TKey : notnull
    where TResult : class
{
    private readonly Func<TKey[], Task<IReadOnlyDictionary<TKey, TResult>>> _query;
    private readonly int _concurrency;
    private readonly int _batchSize;
    private readonly ConcurrentQueue<Lookup> _waiting = new();
    private int _running;
    private int _queries;

    /// <param name="query">Answers a batch of distinct keys; a key it has no answer for is left out.</param>
    /// <param name="concurrency">How many queries may run at once.</param>
    /// <param name="batchSize">How many keys one query may take.</param>
    public DjoserLookupBatcher(Func<TKey[], Task<IReadOnlyDictionary<TKey, TResult>>> query, int concurrency, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _query = query;
        _concurrency = concurrency;
        _batchSize = batchSize;
    }

    /// <summary>How many queries have run; for tests.</summary>
    internal int Queries => Volatile.Read(ref _queries);

    /// <summary>The answer for <paramref name="key"/>, or <c>null</c> when the query had none.</summary>
    public Task<TResult?> LookupAsync(TKey key)
    {
        var lookup = new Lookup(key);
        _waiting.Enqueue(lookup);
        TryStart(onCaller: true);
        return lookup.Task;
    }

    /// <summary>
    /// Takes a free slot for the waiting lookups, if there is one, and starts a query: on the calling lookup's own
    /// thread when it is one of them, as its own query would run, or else on the thread pool.
    /// </summary>
    private void TryStart(bool onCaller)
    {
        while (!_waiting.IsEmpty)
        {
            var running = Volatile.Read(ref _running);
            if (running >= _concurrency)
            {
                // A running query takes the waiting lookups when it ends.
                return;
            }

            if (Interlocked.CompareExchange(ref _running, running + 1, running) == running)
            {
                if (onCaller)
                {
                    _ = RunAsync();
                }
                else
                {
                    RunOnThreadPool();
                }

                return;
            }
        }
    }

    /// <summary>
    /// Runs a query in the slot this call holds, then passes the slot on to the next query while lookups wait, or gives
    /// it back.
    /// </summary>
    private async Task RunAsync()
    {
        await RunBatchAsync().ConfigureAwait(false);
        if (!_waiting.IsEmpty)
        {
            RunOnThreadPool();
            return;
        }

        Interlocked.Decrement(ref _running);

        // A lookup that came after the check above and found every slot taken.
        TryStart(onCaller: false);
    }

    /// <summary>
    /// Runs the next query of a held slot as a work item of its own. The lookup that took the slot has its answer and
    /// goes on (a query that finished at once, as SQLite's do, would otherwise keep it on this thread), and the
    /// queries for other requests do not run in its async-local state (its trace, its logging scope): a work item
    /// queued this way starts from the default execution context.
    /// </summary>
    private void RunOnThreadPool() =>
        ThreadPool.UnsafeQueueUserWorkItem(static batcher => _ = batcher.RunAsync(), this, preferLocal: false);

    private async Task RunBatchAsync()
    {
        var batch = new List<Lookup>(Math.Min(_batchSize, 16));
        var keys = new HashSet<TKey>();
        while (keys.Count < _batchSize && _waiting.TryDequeue(out var lookup))
        {
            batch.Add(lookup);
            keys.Add(lookup.Key);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            Interlocked.Increment(ref _queries);
            var found = await _query([.. keys]).ConfigureAwait(false);
            foreach (var lookup in batch)
            {
                lookup.TrySetResult(found.GetValueOrDefault(lookup.Key));
            }
        }
        catch (Exception exception)
        {
            // The lookups waiting behind a failed query fail with it, rather than each waiting out a query of its own:
            // a database that stopped answering would otherwise hold them a command timeout per query ahead of them.
            while (_waiting.TryDequeue(out var waiting))
            {
                batch.Add(waiting);
            }

            foreach (var lookup in batch)
            {
                lookup.TrySetException(exception);
            }
        }
    }

    private sealed class Lookup(TKey key) : TaskCompletionSource<TResult?>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public TKey Key { get; } = key;
    }
}
