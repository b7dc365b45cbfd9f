using System.Threading.RateLimiting;
using Djoser.Throttling;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Djoser.Redis;

/// <summary>
/// DRF's sliding log (as <see cref="DjoserSlidingLogRateLimiter"/>) kept in a Redis sorted set, so every instance
/// counts into one log: one script call drops the entries older than the window, counts the rest and, below the limit,
/// adds this request; otherwise it answers the wait until the oldest leaves. Times are the Redis server's
/// (<c>TIME</c>), one clock for every instance. While Redis does not answer, the request is counted by an
/// in-process log instead, so throttling goes on per instance.
/// </summary>
/// <remarks>
/// Not RedisRateLimiting's <c>RedisSlidingWindowRateLimiter</c>: djoser's throttle acquires synchronously, which that
/// limiter refuses every time (its <c>AttemptAcquire</c> always returns a failed lease).
/// </remarks>
internal sealed class DjoserRedisSlidingLogRateLimiter(
    DjoserRedisConnection connection,
    string key,
    DjoserThrottleRate rate,
    RateLimiter fallback,
    ILogger logger) : RateLimiter
{
    private static readonly LuaScript Script = LuaScript.Prepare(
        """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(@window)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now - window)
        if redis.call('ZCARD', @key) < tonumber(@limit) then
          redis.call('ZADD', @key, now, @member)
          redis.call('PEXPIRE', @key, window)
          return 0
        end
        local oldest = redis.call('ZRANGE', @key, 0, 0, 'WITHSCORES')
        return tonumber(oldest[2]) + window - now
        """);

    private readonly RedisKey _key = key;
    private readonly long _window = (long)rate.Window.TotalMilliseconds;

    /// <inheritdoc/>
    public override TimeSpan? IdleDuration => fallback.IdleDuration;

    /// <inheritdoc/>
    public override RateLimiterStatistics? GetStatistics() => null;

    /// <inheritdoc/>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount == 0 || connection.Database is not { } database)
        {
            return fallback.AttemptAcquire(permitCount);
        }

        try
        {
            return LeaseOf(database.ScriptEvaluate(Script, Arguments()));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Log.ThrottleFallback(logger, exception);
            return fallback.AttemptAcquire(permitCount);
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0 || connection.Database is not { } database)
        {
            return await fallback.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return LeaseOf(await database.ScriptEvaluateAsync(Script, Arguments()).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Log.ThrottleFallback(logger, exception);
            return await fallback.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    // A unique member per request: two requests in one millisecond are two entries.
    private object Arguments() => new { key = _key, window = _window, limit = rate.PermitLimit, member = Guid.NewGuid().ToString("N") };

    private static RateLimitLease LeaseOf(RedisResult result)
    {
        var wait = (long)result;
        return wait <= 0 ? Lease.Acquired : new Lease(TimeSpan.FromMilliseconds(wait));
    }

    /// <summary>A lease; a refused one carries the wait as <see cref="MetadataName.RetryAfter"/>.</summary>
    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
