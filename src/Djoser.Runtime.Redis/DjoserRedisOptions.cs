namespace Djoser.Redis;

/// <summary>
/// <c>Djoser:Redis</c>: the Redis server that several instances of the application share, for exact authentication
/// caches and shared throttle counts (<see cref="Microsoft.Extensions.DependencyInjection.DjoserRedisServiceCollectionExtensions.AddDjoserRedis"/>).
/// </summary>
public sealed class DjoserRedisOptions
{
    /// <summary>The configuration section, <c>Djoser:Redis</c>.</summary>
    public const string SectionName = "Djoser:Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string (<c>127.0.0.1:6379</c>, <c>host:6380,password=...,ssl=true</c>);
    /// <c>ConnectionStrings:Redis</c> when not set.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>What every key djoser writes starts with (default <c>djoser:</c>); applications sharing a server use their own.</summary>
    public string KeyPrefix { get; set; } = "djoser:";

    /// <summary>
    /// Whether this instance listens to the revocation channel (default <c>true</c>), so that while it hears its own
    /// heartbeats it checks its cache without a Redis read per request; <c>false</c> reads the user's version from Redis
    /// on every cached request (one round trip). Revocations are published on the channel either way, so instances that
    /// listen stay exact next to ones that do not.
    /// </summary>
    public bool RevocationChannel { get; set; } = true;

    /// <summary>Whether the throttle counts are kept in Redis and so shared by every instance (default <c>true</c>); <c>false</c> keeps them per process.</summary>
    public bool Throttling { get; set; } = true;
}
