extern alias UsernameSample;

using Djoser.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SampleContext = Djoser.Sample.AppDbContext;
using SamplePostgresContext = Djoser.Sample.PostgresAppDbContext;
using UsernameContext = UsernameSample::Djoser.Sample.Username.AppDbContext;
using UsernamePostgresContext = UsernameSample::Djoser.Sample.Username.PostgresAppDbContext;

namespace Djoser.IntegrationTests;

/// <summary>
/// Every model change of the samples has its migration, for each provider. Outside Development the samples do not make
/// EF compare the model with the last snapshot at every start (it builds the model the compiled one avoids, issue 13),
/// so the comparison is made here, and by <c>migrate</c>.
/// </summary>
public sealed class MigrationTests
{
    public static TheoryData<string> Contexts => ["sample/sqlite", "sample/postgres", "username/sqlite", "username/postgres"];

    [Theory]
    [MemberData(nameof(Contexts))]
    public void TheMigrationsHoldEveryModelChange(string which)
    {
        using DbContext context = which switch
        {
            "sample/sqlite" => new SampleContext(Sqlite<SampleContext>()),
            "sample/postgres" => new SamplePostgresContext(Postgres<SamplePostgresContext>()),
            "username/sqlite" => new UsernameContext(Sqlite<UsernameContext>()),
            "username/postgres" => new UsernamePostgresContext(Postgres<UsernamePostgresContext>()),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), $"{which}: the model has changes no migration holds; run samples/add-migration.sh <Name>.");
    }

    /// <summary>
    /// Tokens issued before per-device tokens (one row per user, keyed by the user) keep authenticating after the
    /// DeviceTokens migration: every row gets an id of its own instead of being deleted (which logged everyone out).
    /// </summary>
    [Fact]
    public async Task DeviceTokensMigration_KeepsTheTokensIssuedBefore()
    {
        var directory = Directory.CreateTempSubdirectory("djoser-migration-");
        try
        {
            // A data step while a table rebuild is pending would leave EF's warning at every first start.
            var options = new DbContextOptionsBuilder<SampleContext>().UseSqlite($"Data Source={Path.Combine(directory.FullName, "old.db")};Pooling=False")
                .ConfigureWarnings(warnings => warnings.Throw(Microsoft.EntityFrameworkCore.Diagnostics.SqliteEventId.TableRebuildPendingWarning)).Options;
            await using (var context = new SampleContext(options))
            {
                await context.GetService<IMigrator>().MigrateAsync("20261201103818_EmailOutbox");
                context.Users.AddRange(
                    new Djoser.Sample.AppUser { Id = "ann", UserName = "ann@example.com", Email = "ann@example.com" },
                    new Djoser.Sample.AppUser { Id = "bob", UserName = "bob@example.com", Email = "bob@example.com" });
                await context.SaveChangesAsync();
                foreach (var (user, hash) in new[] { ("ann", new string('a', 64)), ("bob", new string('b', 64)) })
                {
                    await context.Database.ExecuteSqlAsync(
                        $"INSERT INTO \"DjoserAuthTokens\" (\"UserId\", \"KeyHash\", \"ProtectedKey\", \"Created\") VALUES ({user}, {hash}, 'CfDJ8-protected', '2026-11-30 10:00:00+00:00')");
                }

                await context.Database.MigrateAsync();
            }

            await using (var context = new SampleContext(options))
            {
                var tokens = await context.Set<DjoserAuthToken<Djoser.Sample.AppUser, string>>().AsNoTracking().OrderBy(t => t.UserId).ToListAsync();
                Assert.Equal(["ann", "bob"], tokens.Select(t => t.UserId));
                Assert.DoesNotContain(tokens, t => t.Id == Guid.Empty);
                Assert.NotEqual(tokens[0].Id, tokens[1].Id);
                Assert.All(tokens, t => Assert.Equal(t.Created, t.LastUsed));

                // The store's lookup: by key hash, joined to the user.
                var owner = await context.Set<DjoserAuthToken<Djoser.Sample.AppUser, string>>().AsNoTracking()
                    .Where(t => t.KeyHash == new string('b', 64)).Select(t => t.User).SingleAsync();
                Assert.Equal("bob@example.com", owner.Email);
                var id = tokens[0].Id;
                Assert.Equal(1, await context.Set<DjoserAuthToken<Djoser.Sample.AppUser, string>>().CountAsync(t => t.Id == id));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static DbContextOptions<T> Sqlite<T>()
        where T : DbContext => new DbContextOptionsBuilder<T>().UseSqlite("Data Source=:memory:").Options;

    private static DbContextOptions<T> Postgres<T>()
        where T : DbContext => new DbContextOptionsBuilder<T>().UseNpgsql("Host=localhost;Database=never_opened").Options;
}
