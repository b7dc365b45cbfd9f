using System.Threading.RateLimiting;
using Djoser.Throttling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Djoser.Redis;

/// <summary>
/// The throttle partitions counted in Redis (<see cref="DjoserRedisSlidingLogRateLimiter"/>), under
/// <c>&lt;prefix&gt;throttle:&lt;partition key&gt;</c>; with <c>Djoser:Redis:Throttling</c> <c>false</c>, the
/// in-process ones.
/// </summary>
internal sealed class DjoserRedisThrottleLimiters(
    DjoserRedisConnection connection,
    IOptions<DjoserRedisOptions> options,
    TimeProvider time,
    ILogger<DjoserRedisThrottleLimiters> logger) : IDjoserThrottleLimiters
{
    private readonly DjoserThrottleLimiters _inProcess = new(time);

    public RateLimitPartition<string> Partition(string partitionKey, DjoserThrottleRate rate) =>
        options.Value.Throttling
            ? RateLimitPartition.Get(partitionKey, key => new DjoserRedisSlidingLogRateLimiter(
                connection, connection.KeyPrefix + "throttle:" + key, rate, new DjoserSlidingLogRateLimiter(rate, time), logger))
            : _inProcess.Partition(partitionKey, rate);
}
