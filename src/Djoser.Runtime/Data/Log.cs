using Microsoft.Extensions.Logging;

namespace Djoser.Data;

/// <summary>Log messages of database faults; the exception says which provider error it was.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "The database could not answer {Method} {Path}; answered 503.")]
    public static partial void DatabaseUnavailable(ILogger logger, Exception exception, string method, string? path);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error, Message = "The database has no Identity or djoser tables ({Method} {Path} answered 503): apply the migrations, e.g. 'dotnet ef database update' or Database.MigrateAsync() at start-up.")]
    public static partial void DatabaseNotMigrated(ILogger logger, Exception exception, string method, string? path);
}
