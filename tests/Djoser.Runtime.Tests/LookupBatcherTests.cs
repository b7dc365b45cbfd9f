using Djoser.Data;

namespace Djoser.Runtime.Tests;

/// <summary>
/// <see cref="DjoserLookupBatcher{TKey, TResult}"/>: concurrent lookups share queries, never one already sent, within
/// the limits of concurrency and batch size (issue 13).
/// </summary>
public sealed class LookupBatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_lone_lookup_runs_its_query_at_once()
    {
        var database = new GatedDatabase(gated: false);
        var batcher = database.Batcher(concurrency: 1, batchSize: 8);

        var answer = batcher.LookupAsync("a");

        Assert.True(answer.IsCompleted);
        Assert.Equal("A", await answer);
        Assert.Equal(new[] { new[] { "a" } }, database.Batches);
    }

    [Fact]
    public async Task Lookups_that_arrive_while_a_query_runs_go_together_in_the_next_one()
    {
        var database = new GatedDatabase();
        var batcher = database.Batcher(concurrency: 1, batchSize: 8);

        var first = batcher.LookupAsync("a");
        var waiting = new[] { batcher.LookupAsync("b"), batcher.LookupAsync("c"), batcher.LookupAsync("b"), batcher.LookupAsync("unknown") };
        Assert.Equal(new[] { new[] { "a" } }, database.Batches);
        Assert.DoesNotContain(waiting, lookup => lookup.IsCompleted);

        database.ReleaseOne();
        Assert.Equal("A", await first.WaitAsync(Timeout));
        await database.WaitForBatchesAsync(2);
        Assert.Equal(new[] { "b", "c", "unknown" }, database.Batches[1]);
        Assert.DoesNotContain(waiting, lookup => lookup.IsCompleted);

        database.ReleaseOne();
        Assert.Equal(new[] { "B", "C", "B", null }, await Task.WhenAll(waiting).WaitAsync(Timeout));
        Assert.Equal(2, batcher.Queries);
    }

    [Fact]
    public async Task A_lookup_never_takes_the_answer_of_a_query_sent_before_it_arrived()
    {
        var database = new GatedDatabase();
        var batcher = database.Batcher(concurrency: 1, batchSize: 8);
        var first = batcher.LookupAsync("a");
        var again = batcher.LookupAsync("a");

        // What the running query read is not what a lookup that came after it asked for: a revoked token stays revoked.
        database.Answers["a"] = "A, changed";
        database.ReleaseOne();
        Assert.Equal("A", await first.WaitAsync(Timeout));
        await database.WaitForBatchesAsync(2);
        database.ReleaseOne();

        Assert.Equal("A, changed", await again.WaitAsync(Timeout));
    }

    [Fact]
    public async Task No_more_queries_run_at_once_than_the_concurrency()
    {
        var database = new GatedDatabase();
        var batcher = database.Batcher(concurrency: 2, batchSize: 8);

        var lookups = new[] { batcher.LookupAsync("a"), batcher.LookupAsync("b"), batcher.LookupAsync("c"), batcher.LookupAsync("d") };

        Assert.Equal(new[] { new[] { "a" }, new[] { "b" } }, database.Batches);
        database.ReleaseOne();
        await database.WaitForBatchesAsync(3);
        Assert.Equal(new[] { "c", "d" }, database.Batches[2]);
        database.ReleaseOne();
        database.ReleaseOne();
        Assert.Equal(new[] { "A", "B", "C", "D" }, await Task.WhenAll(lookups).WaitAsync(Timeout));
        Assert.Equal(2, database.MostAtOnce);
    }

    [Fact]
    public async Task A_query_takes_at_most_the_batch_size()
    {
        var database = new GatedDatabase();
        var batcher = database.Batcher(concurrency: 1, batchSize: 2);
        var lookups = new[] { "a", "b", "c", "d", "e", "f" }.Select(batcher.LookupAsync).ToArray();

        for (var batches = 1; batches <= 4; batches++)
        {
            await database.WaitForBatchesAsync(batches);
            database.ReleaseOne();
        }

        Assert.Equal(new[] { "A", "B", "C", "D", "E", "F" }, await Task.WhenAll(lookups).WaitAsync(Timeout));
        Assert.Equal(new[] { new[] { "a" }, new[] { "b", "c" }, new[] { "d", "e" }, new[] { "f" } }, database.Batches);
    }

    [Fact]
    public async Task A_failed_query_fails_its_lookups_and_those_waiting_behind_it_and_the_next_lookup_runs_a_query_again()
    {
        var database = new GatedDatabase();
        var batcher = database.Batcher(concurrency: 1, batchSize: 8);
        var first = batcher.LookupAsync("a");
        var second = batcher.LookupAsync("b");
        var third = batcher.LookupAsync("c");

        database.FailOne(new TimeoutException("the database timed out"));

        Assert.Equal("the database timed out", (await Assert.ThrowsAsync<TimeoutException>(() => first.WaitAsync(Timeout))).Message);
        await Assert.ThrowsAsync<TimeoutException>(() => second.WaitAsync(Timeout));
        await Assert.ThrowsAsync<TimeoutException>(() => third.WaitAsync(Timeout));
        Assert.Single(database.Batches);

        var later = batcher.LookupAsync("d");
        await database.WaitForBatchesAsync(2);
        database.ReleaseOne();
        Assert.Equal("D", await later.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Queries_that_answer_at_once_serve_many_concurrent_lookups()
    {
        // SQLite's queries complete synchronously: the slot's later queries move off the first caller's thread.
        var database = new GatedDatabase(gated: false);
        var batcher = database.Batcher(concurrency: 1, batchSize: 4);
        var keys = Enumerable.Range(0, 2000).Select(i => "k" + (i % 50)).ToArray();

        var answers = await Task.WhenAll(keys.Select(key => Task.Run(() => batcher.LookupAsync(key)))).WaitAsync(Timeout);

        Assert.Equal(keys.Select(key => key.ToUpperInvariant()), answers);
        Assert.Equal(1, database.MostAtOnce);
    }

    [Fact]
    public async Task A_query_after_the_first_does_not_run_in_the_async_local_state_of_the_lookup_that_started_it()
    {
        var caller = new AsyncLocal<string>();
        var database = new GatedDatabase { Observe = () => caller.Value };
        var batcher = database.Batcher(concurrency: 1, batchSize: 8);

        caller.Value = "request 1";
        var first = batcher.LookupAsync("a");
        caller.Value = "request 2";
        var second = batcher.LookupAsync("b");
        database.ReleaseOne();
        await database.WaitForBatchesAsync(2);
        database.ReleaseOne();
        await Task.WhenAll(first, second).WaitAsync(Timeout);

        Assert.Equal(new[] { "request 1", null }, database.Observed);
    }

    /// <summary>A fake database: records each query's keys and, when gated, holds each until the test lets it end.</summary>
    private sealed class GatedDatabase(bool gated = true)
    {
        private readonly Lock _lock = new();
        private readonly Queue<TaskCompletionSource> _gates = new();
        private readonly SemaphoreSlim _started = new(0);
        private int _running;

        public Dictionary<string, string> Answers { get; } = new(StringComparer.Ordinal)
        {
            ["a"] = "A", ["b"] = "B", ["c"] = "C", ["d"] = "D", ["e"] = "E", ["f"] = "F",
        };

        public List<string[]> Batches { get; } = [];

        public List<string?> Observed { get; } = [];

        public Func<string?>? Observe { get; init; }

        public int MostAtOnce { get; private set; }

        public DjoserLookupBatcher<string, string> Batcher(int concurrency, int batchSize) => new(QueryAsync, concurrency, batchSize);

        public async Task WaitForBatchesAsync(int count)
        {
            while (true)
            {
                lock (_lock)
                {
                    if (Batches.Count >= count)
                    {
                        return;
                    }
                }

                Assert.True(await _started.WaitAsync(Timeout), $"no query number {count} started");
            }
        }

        public void ReleaseOne() => NextGate().SetResult();

        public void FailOne(Exception exception) => NextGate().SetException(exception);

        private TaskCompletionSource NextGate()
        {
            lock (_lock)
            {
                return _gates.Dequeue();
            }
        }

        private async Task<IReadOnlyDictionary<string, string>> QueryAsync(string[] keys)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Dictionary<string, string> answers;
            lock (_lock)
            {
                Batches.Add(keys);
                Observed.Add(Observe?.Invoke());
                MostAtOnce = Math.Max(MostAtOnce, ++_running);
                if (gated)
                {
                    _gates.Enqueue(gate);
                }

                // Read as the query starts, as a database's statement reads what was committed before it: every key has
                // an answer but "unknown".
                answers = keys.Where(key => key != "unknown").ToDictionary(key => key, key => Answers.GetValueOrDefault(key) ?? key.ToUpperInvariant());
            }

            _started.Release();
            try
            {
                if (gated)
                {
                    await gate.Task.ConfigureAwait(false);
                }

                return answers;
            }
            finally
            {
                lock (_lock)
                {
                    _running--;
                }
            }
        }
    }
}
