using Microsoft.Extensions.Logging;

namespace Djoser.Tokens;

/// <summary>Log messages of the token services. Never logs keys or tokens.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "A stored auth token could not be unprotected (did the data protection key ring change?); the user gets a new token.")]
    public static partial void AuthTokenReplaced(ILogger logger);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "A one-time token for purpose {Purpose} was rejected: {Reason}.")]
    public static partial void UserTokenRejected(ILogger logger, string purpose, string reason);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Debug, Message = "An expired auth token {TokenId} was presented and deleted.")]
    public static partial void AuthTokenExpired(ILogger logger, Guid tokenId);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Auth token {TokenId} was revoked by its owner.")]
    public static partial void AuthTokenRevoked(ILogger logger, Guid tokenId);
}
