using Microsoft.Extensions.Logging;

namespace Djoser.Emails;

/// <summary>Log messages of the e-mail services. Never logs addresses, links or tokens.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Wrote the {Kind} e-mail to {Path}.")]
    public static partial void EmailWritten(ILogger logger, DjoserEmailKind kind, string path);
}
