using Djoser.Configuration;
using Djoser.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Djoser.Runtime.Tests;

/// <summary>The database fault classifier over SQLite's and PostgreSQL's exceptions, and the timeout option's check.</summary>
public sealed class DatabaseFaultsTests
{
    public static TheoryData<Exception, string> Cases() => new()
    {
        { new SqliteException("SQLite Error 19: 'UNIQUE constraint failed: AspNetUsers.NormalizedUserName'.", 19, 2067), nameof(DjoserDatabaseFault.UniqueViolation) },
        { new SqliteException("SQLite Error 19: 'FOREIGN KEY constraint failed'.", 19, 787), nameof(DjoserDatabaseFault.Unavailable) },
        { new SqliteException("SQLite Error 5: 'database is locked'.", 5, 5), nameof(DjoserDatabaseFault.Unavailable) },
        { new SqliteException("SQLite Error 14: 'unable to open database file'.", 14, 14), nameof(DjoserDatabaseFault.Unavailable) },
        { new SqliteException("SQLite Error 1: 'no such table: AspNetUsers'.", 1, 1), nameof(DjoserDatabaseFault.MissingSchema) },
        { new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"), nameof(DjoserDatabaseFault.UniqueViolation) },
        { new PostgresException("could not serialize access", "ERROR", "ERROR", "40001"), nameof(DjoserDatabaseFault.Unavailable) },
        { new PostgresException("canceling statement due to statement timeout", "ERROR", "ERROR", "57014"), nameof(DjoserDatabaseFault.Unavailable) },
        { new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), nameof(DjoserDatabaseFault.Unavailable) },
        { new PostgresException("relation \"AspNetUsers\" does not exist", "ERROR", "ERROR", "42P01"), nameof(DjoserDatabaseFault.MissingSchema) },
        { new NpgsqlException("Exception while connecting", new System.Net.Sockets.SocketException(111)), nameof(DjoserDatabaseFault.Unavailable) },
        { new InvalidOperationException("Timeout", new TimeoutException()), nameof(DjoserDatabaseFault.Unavailable) },
        { new DbUpdateException("An error occurred while saving the entity changes.", new SqliteException("SQLite Error 19: 'UNIQUE constraint failed: AspNetUsers.NormalizedUserName'.", 19, 2067)), nameof(DjoserDatabaseFault.UniqueViolation) },
        { new DbUpdateException("An error occurred while saving the entity changes.", new SqliteException("SQLite Error 5: 'database is locked'.", 5, 5)), nameof(DjoserDatabaseFault.Unavailable) },
        { new DbUpdateConcurrencyException("0 rows affected"), nameof(DjoserDatabaseFault.None) },
        { new InvalidOperationException("A bug."), nameof(DjoserDatabaseFault.None) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_ProviderExceptions_TellsFaultsDuplicatesAndBugsApart(Exception exception, string expected)
    {
        // By name: the enum is internal, and a public test method cannot take it.
        Assert.Equal(expected, DjoserDatabaseFaults.Classify(exception).ToString());
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:11:00")]
    public void Validate_CommandTimeoutOutOfRange_FailsNamingTheKey(string timeout)
    {
        var options = new DjoserOptions { Database = { CommandTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) } };

        var result = new DjoserDatabaseOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Djoser:Database:CommandTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultCommandTimeout_Succeeds()
    {
        Assert.True(new DjoserDatabaseOptionsValidator().Validate(null, new DjoserOptions()).Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(5), new DjoserOptions().Database.CommandTimeout);
    }
}
