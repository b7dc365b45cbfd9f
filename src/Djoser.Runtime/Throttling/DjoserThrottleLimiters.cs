using System.Threading.RateLimiting;

namespace Djoser.Throttling;

/// <summary>The in-process limiters: DRF's sliding log per partition, on the injected <see cref="TimeProvider"/>.</summary>
internal sealed class DjoserThrottleLimiters(TimeProvider time) : IDjoserThrottleLimiters
{
    public RateLimitPartition<string> Partition(string partitionKey, DjoserThrottleRate rate) =>
        RateLimitPartition.Get(partitionKey, _ => new DjoserSlidingLogRateLimiter(rate, time));
}
