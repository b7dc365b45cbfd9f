using System.Threading.RateLimiting;

namespace Djoser.Throttling;

/// <summary>
/// DRF's <c>SimpleRateThrottle</c> as a <see cref="RateLimiter"/>: the times of the requests let through in the last
/// window, a request allowed while fewer than the limit are, and the wait until the oldest leaves the window. The
/// framework's window limiters read <c>Stopwatch</c>; this one reads <see cref="TimeProvider.GetUtcNow"/> (DRF reads
/// <c>time.time()</c>), so tests move time with any fake clock.
/// It never queues: a refused request is answered at once.
/// </summary>
internal sealed class DjoserSlidingLogRateLimiter(DjoserThrottleRate rate, TimeProvider time) : RateLimiter
{
    // UTC ticks of the requests in the window, oldest first.
    private readonly Queue<long> _log = new(rate.PermitLimit);
    private long _idleSince = time.GetUtcNow().UtcTicks;
    private long _successful;
    private long _failed;

    /// <summary>
    /// How long the limiter has held no request in its window; <c>null</c> while it holds one, so
    /// <see cref="PartitionedRateLimiter"/> does not drop a partition that still counts.
    /// </summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_log)
            {
                var now = time.GetUtcNow().UtcTicks;
                Expire(now);
                return _log.Count > 0 ? null : TimeSpan.FromTicks(now - _idleSince);
            }
        }
    }

    /// <inheritdoc/>
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_log)
        {
            Expire(time.GetUtcNow().UtcTicks);
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = rate.PermitLimit - _log.Count,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    /// <inheritdoc/>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, rate.PermitLimit);
        lock (_log)
        {
            var now = time.GetUtcNow().UtcTicks;
            Expire(now);
            if (_log.Count + permitCount <= rate.PermitLimit)
            {
                for (var i = 0; i < permitCount; i++)
                {
                    _log.Enqueue(now);
                }

                _successful++;
                return Lease.Acquired;
            }

            _failed++;
            // Full: the next permit frees when the oldest request leaves the window (DRF's wait() with one slot).
            var wait = rate.Window - TimeSpan.FromTicks(now - _log.Peek());
            return new Lease(false, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }
    }

    /// <inheritdoc/>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(AttemptAcquireCore(permitCount));
    }

    private void Expire(long now)
    {
        while (_log.Count > 0 && now - _log.Peek() >= rate.Window.Ticks)
        {
            var oldest = _log.Dequeue();
            if (_log.Count == 0)
            {
                // Idle from when the last request left the window, not from when it came.
                _idleSince = oldest + rate.Window.Ticks;
            }
        }
    }

    /// <summary>A granted lease (nothing to give back: permits expire with time) or a refusal with its wait.</summary>
    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
            return metadata is not null;
        }
    }
}
