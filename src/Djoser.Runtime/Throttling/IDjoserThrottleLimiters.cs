using System.Threading.RateLimiting;

namespace Djoser.Throttling;

/// <summary>
/// Creates the limiter of one throttle partition (a group and a client address, or a login username). The default
/// keeps the counts in this process; <c>AddDjoserRedis</c> (Djoser.Gen.Redis) replaces it to share them between
/// instances, or replace it with a store of your own, keyed by the partition key. djoser acquires synchronously
/// (<see cref="System.Threading.RateLimiting.RateLimiter.AttemptAcquire(int)"/>).
/// </summary>
public interface IDjoserThrottleLimiters
{
    /// <summary>The partition named <paramref name="partitionKey"/> (stable, e.g. <c>djoser:login:address:203.0.113.7</c>) limited to <paramref name="rate"/>.</summary>
    RateLimitPartition<string> Partition(string partitionKey, DjoserThrottleRate rate);
}
