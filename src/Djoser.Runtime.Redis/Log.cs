using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Djoser.Redis;

/// <summary>Log messages of the Redis companion. Never logs keys, tokens, user ids or addresses.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Redis at {EndPoint} is unreachable ({FailureType}); authentication skips the cache and throttling counts per process until it is back.")]
    public static partial void ConnectionFailed(ILogger logger, string endPoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Redis at {EndPoint} is reachable again.")]
    public static partial void ConnectionRestored(ILogger logger, string endPoint);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Debug, Message = "A revocation version could not be read from Redis; the request is authenticated from the database.")]
    public static partial void VersionUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Error, Message = "A revocation could not be published to Redis; other instances may accept the user's old credentials until their cache entries expire (Djoser:AuthTokenCacheDuration).")]
    public static partial void RevocationNotPublished(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "A throttle count could not be kept in Redis; this request was counted by this instance alone.")]
    public static partial void ThrottleFallback(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Debug, Message = "The revocation channel's heartbeat could not be sent; until one comes back, cached authentications are checked with a Redis read each.")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Warning, Message = "A revocation was not acknowledged by every live instance within {Milliseconds} ms; the request answered once those instances could no longer trust their caches.")]
    public static partial void RevocationNotAcknowledged(ILogger logger, double milliseconds);
}
