using Microsoft.Extensions.Logging;

namespace Djoser.Throttling;

/// <summary>Log messages of throttling and lockout. Never logs client addresses, usernames or passwords.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "A request to the {Group} endpoints was throttled by {Key}; available again in {Seconds} s.")]
    public static partial void Throttled(ILogger logger, DjoserThrottleGroup group, string key, int seconds);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "An account was locked out after {Attempts} wrong passwords in a row, until {LockoutEnd:O}.")]
    public static partial void LockedOut(ILogger logger, int attempts, DateTimeOffset lockoutEnd);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "The failed-login count of an account could not be saved: {Errors}.")]
    public static partial void AccessFailedNotSaved(ILogger logger, string errors);
}
