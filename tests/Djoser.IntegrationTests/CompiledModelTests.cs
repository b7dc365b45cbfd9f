extern alias UsernameSample;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using SampleContext = Djoser.Sample.AppDbContext;
using SamplePostgresContext = Djoser.Sample.PostgresAppDbContext;
using UsernameContext = UsernameSample::Djoser.Sample.Username.AppDbContext;
using UsernamePostgresContext = UsernameSample::Djoser.Sample.Username.PostgresAppDbContext;

namespace Djoser.IntegrationTests;

/// <summary>
/// The samples start on compiled EF models (<c>CompiledModels/</c>, issue 13: no model building at start). EF uses one
/// without checking it against the code, so a model change without <c>samples/compile-models.sh</c> would run the sample
/// on the old tables. Each compiled model is compared here with the model EF builds from the same
/// <c>OnModelCreating</c> now, table by table and column by column (what a migration would change).
/// </summary>
public class CompiledModelTests
{
    public static TheoryData<string> Contexts => ["sample/sqlite", "sample/postgres", "username/sqlite", "username/postgres"];

    [Theory]
    [MemberData(nameof(Contexts))]
    public void TheCompiledModelIsTheModelTheCodeBuilds(string which)
    {
        var (compiledContext, freshContext) = which switch
        {
            "sample/sqlite" => ((DbContext)new SampleContext(Sqlite<SampleContext>()), (DbContext)new FreshSample(Sqlite<FreshSample>())),
            "sample/postgres" => (new SamplePostgresContext(Postgres<SamplePostgresContext>()), new FreshSample(Postgres<FreshSample>())),
            "username/sqlite" => (new UsernameContext(Sqlite<UsernameContext>()), new FreshUsername(Sqlite<FreshUsername>())),
            "username/postgres" => (new UsernamePostgresContext(Postgres<UsernamePostgresContext>()), new FreshUsername(Postgres<FreshUsername>())),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        using (compiledContext)
        using (freshContext)
        {
            var compiled = compiledContext.Model;
            var fresh = freshContext.GetService<IDesignTimeModel>().Model;

            // The compiled model is what the sample runs on, and the fresh one really was built from the code.
            Assert.Contains(".CompiledModels.", compiled.GetType().FullName, StringComparison.Ordinal);
            Assert.IsNotType<RuntimeModel>(fresh);

            var expected = Describe(fresh.GetRelationalModel());
            var actual = Describe(compiled.GetRelationalModel());
            var missing = expected.Except(actual).ToList();
            var extra = actual.Except(expected).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0,
                $"{which}: the compiled model is stale; run samples/compile-models.sh.\nThe code has: {string.Join("; ", missing)}\nThe compiled model has: {string.Join("; ", extra)}");
            Assert.Equal(fresh.GetEntityTypes().Count(), compiled.GetEntityTypes().Count());
        }
    }

    /// <summary>
    /// The schema a model maps to, one line per table, column, key, index and foreign key: what a migration would change.
    /// (EF's migrations differ itself refuses a compiled model: it reads design-time-only settings.)
    /// </summary>
    private static List<string> Describe(IRelationalModel model)
    {
        static string Columns(IEnumerable<IColumn> columns) => string.Join(",", columns.Select(c => c.Name));
        var lines = new List<string>();
        foreach (var table in model.Tables)
        {
            lines.Add($"table {table.Name}");
            lines.AddRange(table.Columns.Select(c => $"column {table.Name}.{c.Name} {c.StoreType} null={c.IsNullable} max={c.MaxLength} default={c.DefaultValueSql ?? c.DefaultValue}"));
            if (table.PrimaryKey is { } key)
            {
                lines.Add($"key {table.Name} {key.Name} ({Columns(key.Columns)})");
            }

            lines.AddRange(table.UniqueConstraints.Select(u => $"unique {table.Name} {u.Name} ({Columns(u.Columns)})"));
            lines.AddRange(table.Indexes.Select(i => $"index {table.Name} {i.Name} ({Columns(i.Columns)}) unique={i.IsUnique} filter={i.Filter}"));
            lines.AddRange(table.ForeignKeyConstraints.Select(f =>
                $"foreign key {table.Name} {f.Name} ({Columns(f.Columns)}) -> {f.PrincipalTable.Name} ({Columns(f.PrincipalColumns)}) {f.OnDeleteAction}"));
        }

        return lines;
    }

    private static DbContextOptions<T> Sqlite<T>()
        where T : DbContext => new DbContextOptionsBuilder<T>().UseSqlite("Data Source=:memory:").Options;

    private static DbContextOptions<T> Postgres<T>()
        where T : DbContext => new DbContextOptionsBuilder<T>().UseNpgsql("Host=localhost;Database=never_opened").Options;

    // Another context type has no compiled model: EF builds this one's model from the inherited OnModelCreating.
    private sealed class FreshSample(DbContextOptions<FreshSample> options) : SampleContext(options);

    private sealed class FreshUsername(DbContextOptions<FreshUsername> options) : UsernameContext(options);
}
