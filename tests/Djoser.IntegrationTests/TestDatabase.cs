using Microsoft.Data.Sqlite;
using Npgsql;

namespace Djoser.IntegrationTests;

/// <summary>
/// The database of one test app. SQLite by default: a file under the app's folder. With
/// <c>DJOSER_TEST_DATABASE=Postgres</c>, a fresh PostgreSQL database with a unique name on the server
/// <c>DJOSER_TEST_POSTGRES</c> names (a connection string whose user may create databases), dropped on dispose, so
/// test classes stay independent however they are run.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private const string ProviderVariable = "DJOSER_TEST_DATABASE";
    private const string ServerVariable = "DJOSER_TEST_POSTGRES";
    private static readonly Lazy<string?> PostgresProblem = new(ProbePostgres);

    private readonly string? _postgresName;
    private readonly string? _ownDirectory;

    private TestDatabase(string provider, string connectionString, string? postgresName, string? ownDirectory = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresName = postgresName;
        _ownDirectory = ownDirectory;
    }

    /// <summary>Whether this run's apps use PostgreSQL (<c>DJOSER_TEST_DATABASE=Postgres</c>).</summary>
    public static bool RunOnPostgres
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(ProviderVariable);
            if (string.IsNullOrEmpty(value) || string.Equals(value, "Sqlite", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return string.Equals(value, "Postgres", StringComparison.OrdinalIgnoreCase)
                ? true
                : throw new InvalidOperationException($"{ProviderVariable} is '{value}'; it must be Sqlite (the default) or Postgres.");
        }
    }

    /// <summary>Why no PostgreSQL server can be used, or <see langword="null"/> when one answers.</summary>
    public static string? PostgresUnavailable => PostgresProblem.Value;

    /// <summary><c>Sqlite</c> or <c>Postgres</c>, as the samples' <c>Database:Provider</c> reads it.</summary>
    public string Provider { get; }

    /// <summary>The samples' <c>ConnectionStrings:Default</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The settings that point a sample at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Provider", Provider),
        new("ConnectionStrings:Default", ConnectionString),
    ];

    /// <summary>A database on this run's provider; SQLite's file goes under <paramref name="directory"/>.</summary>
    public static TestDatabase Create(string directory) =>
        RunOnPostgres ? CreatePostgres() : new TestDatabase("Sqlite", $"Data Source={Path.Combine(directory, "test.db")}", null);

    /// <summary>
    /// A database on this run's provider for several apps to share; a SQLite file gets a folder of its own, deleted
    /// on dispose.
    /// </summary>
    public static TestDatabase CreateShared()
    {
        if (RunOnPostgres)
        {
            return CreatePostgres();
        }

        var directory = Path.Combine(Path.GetTempPath(), "djoser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new TestDatabase("Sqlite", $"Data Source={Path.Combine(directory, "shared.db")}", null, directory);
    }

    /// <summary>
    /// A fresh PostgreSQL database; fails saying why when no server answers. Only for runs on PostgreSQL
    /// (<see cref="PostgresFactAttribute"/>): EF Core's compiled queries (djoser's token look-up is one) keep to the
    /// first model they ran with, so one process does not mix the samples' SQLite and PostgreSQL models.
    /// </summary>
    public static TestDatabase CreatePostgres()
    {
        if (PostgresUnavailable is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var name = "djoser_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ServerConnectionString()))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = name };
        return new TestDatabase("Postgres", builder.ConnectionString, name);
    }

    /// <summary>A PostgreSQL database name of its own that does not exist yet: the app under test creates it.</summary>
    public static TestDatabase MissingPostgres()
    {
        if (PostgresUnavailable is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var name = "djoser_test_" + Guid.NewGuid().ToString("N");
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = name };
        return new TestDatabase("Postgres", builder.ConnectionString, name);
    }

    /// <summary>Whether the PostgreSQL database exists on the server.</summary>
    public bool ExistsOnServer()
    {
        using var connection = new NpgsqlConnection(ServerConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = _postgresName } } };
        return (long)command.ExecuteScalar()! == 1;
    }

    /// <summary>Drops a PostgreSQL database, closing what still uses it; a SQLite file goes with its folder.</summary>
    public void Dispose()
    {
        if (_ownDirectory is not null)
        {
            using (var pooled = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            try
            {
                Directory.Delete(_ownDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the folder is under the temp directory.
            }
        }

        if (_postgresName is null)
        {
            return;
        }

        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(ServerConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                // FORCE may not end a process of another role, e.g. an autovacuum worker that just started on the
                // database; it finishes within moments.
                Thread.Sleep(250);
            }
        }
    }

    private static string ServerConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(ServerVariable));
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }

        return builder.ConnectionString;
    }

    private static string? ProbePostgres()
    {
        var value = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{ServerVariable} is not set (a connection string to a PostgreSQL server whose user may create databases, "
                + "e.g. 'Host=127.0.0.1;Username=djoser;Password=djoser'; .ci/run starts one)";
        }

        try
        {
            using var connection = new NpgsqlConnection(ServerConnectionString());
            connection.Open();
            return null;
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return $"the PostgreSQL server {ServerVariable} names does not answer: {exception.Message}";
        }
    }
}

/// <summary>
/// A test of PostgreSQL itself, run in the PostgreSQL pass (<c>DJOSER_TEST_DATABASE=Postgres</c>, as <c>.ci/run</c>'s
/// second run) and skipped, saying why, in the SQLite pass. In the PostgreSQL pass, a server that does not answer
/// skips it too, except under CI (<c>CI=true</c>), where it runs and fails with the reason.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.RunOnPostgres)
        {
            Skip = "Runs on PostgreSQL only: set DJOSER_TEST_DATABASE=Postgres and DJOSER_TEST_POSTGRES (.ci/run's second pass does).";
        }
        else if (!UnderCi && TestDatabase.PostgresUnavailable is { } reason)
        {
            Skip = "No PostgreSQL: " + reason + "; set CI=true to fail instead.";
        }
    }

    internal static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
