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
    [Theory]
    [InlineData("sample")]
    [InlineData("username")]
    public Task DeviceTokensMigration_KeepsTheTokensIssuedBefore(string which) => which == "sample"
        ? KeepsTokensIssuedBeforeAsync<SampleContext, Djoser.Sample.AppUser, string>(
            options => new SampleContext(options), "20261201103818_EmailOutbox", name => new() { Id = name, UserName = name + "@example.com", Email = name + "@example.com" })
        : KeepsTokensIssuedBeforeAsync<UsernameContext, UsernameSample::Djoser.Sample.Username.AppUser, int>(
            options => new UsernameContext(options), "20261201103826_EmailOutbox", name => new() { UserName = name, Email = name + "@example.com" });

    private static async Task KeepsTokensIssuedBeforeAsync<TContext, TUser, TKey>(
        Func<DbContextOptions<TContext>, TContext> create, string migrationBefore, Func<string, TUser> newUser)
        where TContext : DbContext
        where TUser : Microsoft.AspNetCore.Identity.IdentityUser<TKey>
        where TKey : IEquatable<TKey>
    {
        var directory = Directory.CreateTempSubdirectory("djoser-migration-");
        try
        {
            // A data step while a table rebuild is pending would leave EF's warning at every first start.
            var options = new DbContextOptionsBuilder<TContext>().UseSqlite($"Data Source={Path.Combine(directory.FullName, "old.db")};Pooling=False")
                .ConfigureWarnings(warnings => warnings.Throw(Microsoft.EntityFrameworkCore.Diagnostics.SqliteEventId.TableRebuildPendingWarning)).Options;
            var ann = newUser("ann");
            var bob = newUser("bob");
            await using (var context = create(options))
            {
                await context.GetService<IMigrator>().MigrateAsync(migrationBefore);
                context.Set<TUser>().AddRange(ann, bob);
                await context.SaveChangesAsync();
                foreach (var (user, hash) in new[] { (ann, new string('a', 64)), (bob, new string('b', 64)) })
                {
                    await context.Database.ExecuteSqlAsync(
                        $"INSERT INTO \"DjoserAuthTokens\" (\"UserId\", \"KeyHash\", \"ProtectedKey\", \"Created\") VALUES ({user.Id}, {hash}, 'CfDJ8-protected', '2026-11-30 10:00:00+00:00')");
                }

                await context.Database.MigrateAsync();
            }

            await using (var context = create(options))
            {
                var tokens = context.Set<DjoserAuthToken<TUser, TKey>>().AsNoTracking();
                var rows = await tokens.OrderBy(t => t.KeyHash).ToListAsync();
                Assert.Equal([ann.Id, bob.Id], rows.Select(t => t.UserId));
                Assert.DoesNotContain(rows, t => t.Id == Guid.Empty);
                Assert.NotEqual(rows[0].Id, rows[1].Id);
                Assert.All(rows, t => Assert.Equal(t.Created, t.LastUsed));

                // The store's lookup: by key hash, joined to the user; and a token found by its id (revocation).
                var owner = await tokens.Where(t => t.KeyHash == new string('b', 64)).Select(t => t.User).SingleAsync();
                Assert.Equal("bob@example.com", owner.Email);
                var id = rows[0].Id;
                Assert.Equal(1, await tokens.CountAsync(t => t.Id == id));
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
