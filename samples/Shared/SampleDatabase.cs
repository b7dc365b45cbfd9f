using Djoser.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Djoser.Samples;

/// <summary>The database a sample runs on, chosen by <c>Database:Provider</c>.</summary>
public enum SampleDatabaseProvider
{
    /// <summary>A SQLite file: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql, for several instances sharing one database.</summary>
    Postgres,
}

/// <summary>
/// What both samples do with their database: pick the provider (<c>Database:Provider</c> = <c>Sqlite</c> |
/// <c>Postgres</c>, connection string <c>ConnectionStrings:Default</c>), keep data-protection keys in it, and
/// check it from <c>/healthz/ready</c>.
/// </summary>
public static class SampleDatabase
{
    /// <summary>The tag of the health checks <c>/healthz/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Registers <typeparamref name="TContext"/>, pooled, on the configured provider. On PostgreSQL the registered instance is a
    /// <typeparamref name="TPostgresContext"/>, whose migrations (<c>Migrations/Postgres/</c>) are PostgreSQL's; code
    /// (djoser included) keeps asking for <typeparamref name="TContext"/>. Data-protection keys go to the same
    /// database, encrypted as <c>Djoser:DataProtection</c> says, so every instance reads and signs with one key ring.
    /// </summary>
    /// <returns>The provider, for the start-up log.</returns>
    public static SampleDatabaseProvider AddSampleDatabase<TContext, TPostgresContext>(this WebApplicationBuilder builder)
        where TContext : DbContext, IDataProtectionKeyContext
        where TPostgresContext : TContext
    {
        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:Default is not set: it names the sample's database.");
        }

        // Pooled, EF's registration for throughput: a plain AddDbContext builds a context and its internal services for
        // every request that asks for one (~50 µs measured, issue 13), a pool resets and reuses them.
        var provider = ReadProvider(builder.Configuration);
        var checkModelChanges = ChecksModelChangesAtMigration(builder.Environment);
        // Both register the provider's history repository with the history table described without a model of it
        // (SampleHistoryTable): EF's own builds one with every convention, half of a start that migrates (issue 13).
        if (provider == SampleDatabaseProvider.Postgres)
        {
            builder.Services.AddDbContextPool<TContext, TPostgresContext>(options => MigrationChecks(options.UseNpgsql(connectionString), checkModelChanges)
                .ReplaceService<IHistoryRepository, SampleNpgsqlHistoryRepository>());
        }
        else
        {
            // EF warns (NonTransactionalMigrationOperationWarning) about the `PRAGMA foreign_keys` it adds itself around
            // every SQLite table rebuild (the DeviceTokens migration has one): a warning at every first start about
            // nothing the migration wrote (dotnet/efcore#35871). The samples' migrations have no non-transactional
            // operation of their own.
            builder.Services.AddDbContextPool<TContext>(options => MigrationChecks(options.UseSqlite(connectionString), checkModelChanges)
                .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning))
                .ReplaceService<IHistoryRepository, SampleSqliteHistoryRepository>());
        }

        // The key ring loads once the host has started rather than before the server listens: from the database it is the
        // first EF query, and on a new database it also makes, encrypts and saves the first key (issue 13).
        builder.Services.AddDataProtection()
            .PersistKeysToDbContext<TContext>()
            .ProtectKeysFromDjoserConfiguration(builder.Configuration, builder.Environment)
            .LoadKeyRingInBackground();

        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: [ReadyTag]);
        return provider;
    }

    /// <summary>
    /// <c>/healthz</c>: liveness, answers 200 while the process serves requests, checking nothing.
    /// <c>/healthz/ready</c>: readiness, 200 when the database answers, 503 otherwise.
    /// </summary>
    public static void MapSampleHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
    }

    /// <summary>
    /// Django's <c>manage.py migrate</c> and its start-up twin. <c>dotnet Djoser.Sample.dll migrate</c> applies the
    /// migrations and exits (<see langword="true"/>: the caller stops there), which is how a deployment brings the
    /// database up to date once, before it starts instances. Otherwise the migrations are applied at start unless
    /// <c>Database:MigrateAtStart</c> is <c>false</c>: the default keeps the first run a single command, and opting out
    /// takes the migrator (and the EF model diff it runs) out of every start.
    /// </summary>
    /// <returns><see langword="true"/> when <paramref name="args"/> asked only to migrate, and that is done.</returns>
    public static async Task<bool> MigrateSampleDatabaseAsync<TContext>(this WebApplication app, string[] args)
        where TContext : DbContext
    {
        var migrateOnly = args.Contains("migrate", StringComparer.Ordinal);
        if (!migrateOnly && !app.Configuration.GetValue("Database:MigrateAtStart", true))
        {
            return false;
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<TContext>().Database;
            // `migrate` is run once per deployment: there the model is checked against the migrations wherever EF does not.
            if (migrateOnly && !ChecksModelChangesAtMigration(app.Environment) && database.HasPendingModelChanges())
            {
                throw new InvalidOperationException(
                    $"{typeof(TContext).Name}'s model has changes that no migration holds: add one (samples/add-migration.sh <Name>) before migrating.");
            }

            // The provider as configured, not database.IsNpgsql(): that extension is Npgsql's, and naming it here loaded
            // Npgsql's EF assembly (~0.5 MB) into every SQLite start, one that does not migrate included (issue 13).
            if (ReadProvider(app.Configuration) == SampleDatabaseProvider.Postgres && await CreatePostgresDatabaseIfMissingAsync(database.GetConnectionString()!))
            {
                // As EF does for a database it created itself: its history table, so its first read of it finds one.
                await database.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
            }

            await database.MigrateAsync();
        }

        return migrateOnly;
    }

    /// <summary>
    /// Creates the PostgreSQL database the connection string names if it does not exist yet, before EF's migrator looks
    /// for it. EF would create it as well, but its creator reads EF's design-time model (for a template, collation or
    /// tablespace, none of which the samples set), which an app with a compiled model builds from
    /// <c>OnModelCreating</c> for it: ~0.4 s of a first start (issue 13). Its existence check also logs a failed
    /// connection first. An existing database costs one connection, which goes back to the pool EF takes it from.
    /// </summary>
    /// <returns>Whether it created the database.</returns>
    private static async Task<bool> CreatePostgresDatabaseIfMissingAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(target.Database))
        {
            // PostgreSQL's default, the user's own database: left to EF.
            return false;
        }

        await using (var probe = new NpgsqlConnection(connectionString))
        {
            try
            {
                await probe.OpenAsync();
                return false;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                // Not there yet.
            }
        }

        // As EF's creator does: from the server's maintenance database, on a connection of its own.
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance starting at the same time created it first.
            return false;
        }
    }

    /// <summary>
    /// Whether EF compares the model with the last migration's snapshot whenever it migrates (its
    /// <c>PendingModelChangesWarning</c>, an error by default): in Development only. The comparison needs the model
    /// built from <c>OnModelCreating</c>, which the compiled model exists to avoid, and took about half of every start
    /// that migrates (issue 13). Elsewhere <c>migrate</c> makes the comparison once, and <c>MigrationTests</c> in CI.
    /// </summary>
    private static bool ChecksModelChangesAtMigration(IHostEnvironment environment) => environment.IsDevelopment();

    private static DbContextOptionsBuilder MigrationChecks(DbContextOptionsBuilder options, bool checkModelChanges) =>
        checkModelChanges ? options : options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>Where the data is, for the start-up log: the SQLite file's full path, or PostgreSQL's host and database (never the password).</summary>
    /// <remarks>Each provider's parser is in a method of its own, so the one not in use is never loaded.</remarks>
    public static string Describe(SampleDatabaseProvider provider, string connectionString) =>
        provider == SampleDatabaseProvider.Postgres ? DescribePostgres(connectionString) : DescribeSqlite(connectionString);

    private static string DescribePostgres(string connectionString)
    {
        var postgres = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {postgres.Host}:{postgres.Port}/{postgres.Database}";
    }

    private static string DescribeSqlite(string connectionString) =>
        "SQLite " + Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    private static SampleDatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return SampleDatabaseProvider.Sqlite;
        }

        return Enum.TryParse<SampleDatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider is '{value}'; it must be Sqlite (the default) or Postgres.");
    }
}
