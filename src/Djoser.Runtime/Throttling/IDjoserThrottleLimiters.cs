using System.Threading.RateLimiting;

namespace Djoser.Throttling;

/// <summary>
/// Creates the limiter of one throttle partition (a group and a client address, or a login username). The default
/// keeps the counts in this process; replace this service to share them between instances, e.g. with a
/// <c>RedisRateLimitPartition</c> from RedisRateLimiting, keyed by the partition key.
/// </summary>
public interface IDjoserThrottleLimiters
{
    /// <summary>The partition named <paramref name="partitionKey"/> (stable, e.g. <c>djoser:login:address:203.0.113.7</c>) limited to <paramref name="rate"/>.</summary>
    RateLimitPartition<string> Partition(string partitionKey, DjoserThrottleRate rate);
}
