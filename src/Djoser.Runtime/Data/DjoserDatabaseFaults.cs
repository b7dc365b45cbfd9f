using System.Data.Common;

namespace Djoser.Data;

/// <summary>What a database exception means for the answer (issue 11).</summary>
internal enum DjoserDatabaseFault
{
    /// <summary>Not a database fault: the exception is a bug, and stays one.</summary>
    None,

    /// <summary>The database cannot answer now (cannot open, busy or locked, timed out, connection lost): 503.</summary>
    Unavailable,

    /// <summary>The tables are missing: the database was never migrated. 503, logged with the fix.</summary>
    MissingSchema,

    /// <summary>A unique index refused the row: a duplicate, which the saving action reports as a 400.</summary>
    UniqueViolation,
}

/// <summary>
/// Tells database faults apart from bugs and from duplicates, by provider codes read through
/// <see cref="DbException"/> (no provider package is referenced): SQLite's result codes (19 SQLITE_CONSTRAINT with
/// "UNIQUE constraint failed"; 1 SQLITE_ERROR with "no such table") and PostgreSQL's SQLSTATE (23505
/// unique_violation; 42P01 undefined_table, 3F000 invalid_schema_name). Any other provider exception, and a timeout
/// anywhere in the chain, is the database being unavailable.
/// </summary>
internal static class DjoserDatabaseFaults
{
    private const int SqliteError = 1;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;

    /// <summary>What <paramref name="exception"/> (or the first provider exception inside it) means.</summary>
    public static DjoserDatabaseFault Classify(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case DbException database:
                    return Classify(database);
                case TimeoutException:
                    return DjoserDatabaseFault.Unavailable;
            }
        }

        return DjoserDatabaseFault.None;
    }

    /// <summary>Whether <paramref name="exception"/> is a unique index refusing a duplicate.</summary>
    public static bool IsUniqueViolation(Exception? exception) => Classify(exception) == DjoserDatabaseFault.UniqueViolation;

    /// <summary>Whether <paramref name="exception"/> is a fault of the database rather than of the code or the input.</summary>
    public static bool IsUnavailable(Exception? exception) => Classify(exception) is DjoserDatabaseFault.Unavailable or DjoserDatabaseFault.MissingSchema;

    private static DjoserDatabaseFault Classify(DbException exception)
    {
        switch (exception.SqlState)
        {
            case "23505":
                return DjoserDatabaseFault.UniqueViolation;
            case "42P01" or "3F000":
                return DjoserDatabaseFault.MissingSchema;
            case { Length: 5 }:
                return DjoserDatabaseFault.Unavailable;
        }

        // Microsoft.Data.Sqlite keeps SQLite's result code in its own SqliteErrorCode, out of reach without the package,
        // and writes it into the message: "SQLite Error 19: 'UNIQUE constraint failed: …'".
        var message = exception.Message;
        var code = SqliteCode(message);
        if (code == SqliteConstraint && message.Contains("UNIQUE constraint failed", StringComparison.Ordinal))
        {
            return DjoserDatabaseFault.UniqueViolation;
        }

        return code == SqliteError && message.Contains("no such table", StringComparison.Ordinal)
            ? DjoserDatabaseFault.MissingSchema
            : DjoserDatabaseFault.Unavailable;
    }

    /// <summary>Whether <paramref name="exception"/> is a lock conflict worth trying the whole unit again for.</summary>
    public static bool IsBusy(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException database)
            {
                // SQLite's SQLITE_BUSY and SQLITE_LOCKED (a reader that cannot become the writer fails at once, which
                // waiting inside the transaction cannot cure); PostgreSQL's serialization failure and deadlock.
                return database.SqlState is "40001" or "40P01" || SqliteCode(database.Message) is SqliteBusy or SqliteLocked;
            }
        }

        return false;
    }

    private static int? SqliteCode(string message)
    {
        const string prefix = "SQLite Error ";
        if (!message.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = message.IndexOf(':', prefix.Length);
        return end > prefix.Length && int.TryParse(message.AsSpan(prefix.Length, end - prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
    }
}
