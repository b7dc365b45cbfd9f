using Microsoft.Extensions.Logging;

namespace Djoser.Emails;

/// <summary>Log messages of the e-mail services. Never logs addresses, links or tokens.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Wrote an e-mail to {Path}.")]
    public static partial void EmailWritten(ILogger logger, string path);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Sent an e-mail through the SMTP server {Host}:{Port}.")]
    public static partial void EmailSentBySmtp(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Delivered the {Kind} e-mail.")]
    public static partial void EmailSent(ILogger logger, DjoserEmailKind kind);
}
