extern alias UsernameSample;

using Microsoft.EntityFrameworkCore;
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

    private static DbContextOptions<T> Sqlite<T>()
        where T : DbContext => new DbContextOptionsBuilder<T>().UseSqlite("Data Source=:memory:").Options;

    private static DbContextOptions<T> Postgres<T>()
        where T : DbContext => new DbContextOptionsBuilder<T>().UseNpgsql("Host=localhost;Database=never_opened").Options;
}
