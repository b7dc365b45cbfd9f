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

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Queued the {Kind} e-mail {MessageId}.")]
    public static partial void OutboxQueued(ILogger logger, DjoserEmailKind kind, Guid messageId);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Delivered the queued {Kind} e-mail {MessageId} at attempt {Attempts}.")]
    public static partial void OutboxSent(ILogger logger, DjoserEmailKind kind, Guid messageId, int attempts);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Could not deliver the queued {Kind} e-mail {MessageId} (attempt {Attempts}); retrying at {NextAttemptAt:O}.")]
    public static partial void OutboxRetried(ILogger logger, Exception exception, DjoserEmailKind kind, Guid messageId, int attempts, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Error, Message = "Gave up the queued {Kind} e-mail {MessageId} after {Attempts} attempts.")]
    public static partial void OutboxFailed(ILogger logger, Exception exception, DjoserEmailKind kind, Guid messageId, int attempts);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning, Message = "Dropped the queued {Kind} e-mail {MessageId} unsent: {Reason}")]
    public static partial void OutboxExpired(ILogger logger, DjoserEmailKind kind, Guid messageId, string reason);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Error, Message = "An outbox pass failed; the next pass tries again.")]
    public static partial void OutboxPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "The outbox dispatcher is off here (Djoser:Email:Outbox:RunDispatcher = false); e-mails are queued for another instance.")]
    public static partial void OutboxDispatcherOff(ILogger logger);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information, Message = "Deleted {Count} sent or given-up outbox rows older than Djoser:Email:Outbox:Retention.")]
    public static partial void OutboxPruned(ILogger logger, int count);
}
