using Djoser.Samples;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SampleContext = Djoser.Sample.AppDbContext;
using SamplePostgresContext = Djoser.Sample.PostgresAppDbContext;

namespace Djoser.IntegrationTests;

/// <summary>
/// The samples' history repositories (<see cref="SampleHistoryTable"/>) describe EF's migrations-history table without
/// building a model of it: every script they make is the provider's own, on both providers, for the default table and
/// for one named and placed elsewhere (<c>MigrationsHistoryTable</c>).
/// </summary>
public sealed class HistoryRepositoryTests
{
    public static TheoryData<string, string?, string?> Cases()
    {
        var cases = new TheoryData<string, string?, string?>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            cases.Add(provider, null, null);
            cases.Add(provider, "migrations_log", null);
            cases.Add(provider, "migrations_log", "audit");
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_script_is_the_providers_own(string provider, string? table, string? schema)
    {
        using var stock = Context(provider, table, schema, replace: false);
        using var sample = Context(provider, table, schema, replace: true);
        var expected = stock.GetService<IHistoryRepository>();
        var actual = sample.GetService<IHistoryRepository>();

        Assert.IsAssignableFrom(expected.GetType(), actual);
        Assert.NotEqual(expected.GetType(), actual.GetType());
        Assert.Equal(expected.GetCreateScript(), actual.GetCreateScript());
        Assert.Equal(expected.GetCreateIfNotExistsScript(), actual.GetCreateIfNotExistsScript());
        var row = new HistoryRow("20261201103930_DeviceTokens", "10.0.15");
        Assert.Equal(expected.GetInsertScript(row), actual.GetInsertScript(row));
        Assert.Equal(expected.GetDeleteScript(row.MigrationId), actual.GetDeleteScript(row.MigrationId));
        Assert.Contains(table ?? HistoryRepository.DefaultTableName, actual.GetCreateScript(), StringComparison.Ordinal);
        if (provider == "postgres")
        {
            // SQLite makes no conditional scripts; PostgreSQL's name the key column.
            Assert.Equal(expected.GetBeginIfNotExistsScript(row.MigrationId), actual.GetBeginIfNotExistsScript(row.MigrationId));
            Assert.Equal(expected.GetBeginIfExistsScript(row.MigrationId), actual.GetBeginIfExistsScript(row.MigrationId));
        }
    }

    /// <summary>The applied migrations are read back through the repository's own query of the two columns.</summary>
    [Fact]
    public async Task A_database_migrated_through_it_reads_its_history_back()
    {
        var directory = Directory.CreateTempSubdirectory("djoser-history-");
        try
        {
            var options = Sqlite(null, null, replace: true, $"Data Source={Path.Combine(directory.FullName, "h.db")};Pooling=False");
            await using var context = new SampleContext(options);
            await context.Database.MigrateAsync();

            Assert.Equal(context.Database.GetMigrations(), context.Database.GetAppliedMigrations());
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            await context.Database.MigrateAsync();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_sample_app_uses_it()
    {
        using var app = new DjoserApp();
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<SampleContext>();
        var repository = context.GetService<IHistoryRepository>();
        if (app.Database.Provider == "Postgres")
        {
            Assert.IsType<SampleNpgsqlHistoryRepository>(repository);
        }
        else
        {
            Assert.IsType<SampleSqliteHistoryRepository>(repository);
        }
    }

    // Each provider on its own context type: a compiled model takes the type mappings of the first provider it meets.
    private static DbContext Context(string provider, string? table, string? schema, bool replace) => provider == "postgres"
        ? new SamplePostgresContext(Postgres(table, schema, replace))
        : new SampleContext(Sqlite(table, schema, replace, "Data Source=:memory:"));

    private static DbContextOptions<SamplePostgresContext> Postgres(string? table, string? schema, bool replace)
    {
        var builder = new DbContextOptionsBuilder<SamplePostgresContext>()
            .UseNpgsql("Host=localhost;Database=never_opened", o => o.MigrationsHistoryTable(table ?? HistoryRepository.DefaultTableName, schema));
        return (replace ? builder.ReplaceService<IHistoryRepository, SampleNpgsqlHistoryRepository>() : builder).Options;
    }

    private static DbContextOptions<SampleContext> Sqlite(string? table, string? schema, bool replace, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SampleContext>()
            .UseSqlite(connectionString, o => o.MigrationsHistoryTable(table ?? HistoryRepository.DefaultTableName, schema));
        return (replace ? builder.ReplaceService<IHistoryRepository, SampleSqliteHistoryRepository>() : builder).Options;
    }
}
