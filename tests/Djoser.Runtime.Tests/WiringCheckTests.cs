using Djoser.Internal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>The start-up check's advice names the context a user with this key type derives from.</summary>
public sealed class WiringCheckTests
{
    public sealed class IntUser : IdentityUser<int>;

    public sealed class GuidUser : IdentityUser<Guid>;

    public sealed class EmptyContext(DbContextOptions<EmptyContext> options) : DbContext(options);

    public sealed class IntIdentityContext(DbContextOptions<IntIdentityContext> options) : IdentityDbContext<IntUser, IdentityRole<int>, int>(options);

    private static TContext Create<TContext>(Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext => create(new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=:memory:").Options);

    [Fact]
    public void Describe_IntKeyUserMissing_NamesTheThreeArgumentIdentityDbContext()
    {
        using var context = Create<EmptyContext>(o => new EmptyContext(o));
        Assert.Equal(
            "IntUser is not in EmptyContext's model, so djoser cannot store users there: derive EmptyContext from " +
            "IdentityDbContext<IntUser, IdentityRole<int>, int> (or pass the context that holds IntUser to AddDjoser<IntUser, TContext>()), " +
            "and call builder.ApplyDjoserModel<IntUser>() in EmptyContext.OnModelCreating, after base.OnModelCreating(builder), then add a migration.",
            DjoserWiringCheck<IntUser, int, EmptyContext>.Describe(context.Model));
    }

    [Fact]
    public void Describe_GuidKeyUserMissing_NamesGuid()
    {
        using var context = Create<EmptyContext>(o => new EmptyContext(o));
        Assert.Contains("derive EmptyContext from IdentityDbContext<GuidUser, IdentityRole<Guid>, Guid> ",
            DjoserWiringCheck<GuidUser, Guid, EmptyContext>.Describe(context.Model), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_IdentityContextWithoutDjoserTables_NamesApplyDjoserModel()
    {
        using var context = Create<IntIdentityContext>(o => new IntIdentityContext(o));
        Assert.Equal(
            "Djoser's tables are not in IntIdentityContext's model: call builder.ApplyDjoserModel<IntUser>() in IntIdentityContext.OnModelCreating, " +
            "after base.OnModelCreating(builder), then add a migration.",
            DjoserWiringCheck<IntUser, int, IntIdentityContext>.Describe(context.Model));
    }

    [Fact]
    public void Describe_CompleteContext_IsNull()
    {
        using var host = new TestHost();
        using var scope = host.Scope();
        var context = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        Assert.Null(DjoserWiringCheck<IdentityUser, string, TestDbContext>.Describe(context.Model));
    }

    [Fact]
    public void Add_Twice_NamesBothCalls()
    {
        var services = new ServiceCollection();
        DjoserWiringCheck.Add<IntUser, int, IntIdentityContext>(services);
        var exception = Assert.Throws<InvalidOperationException>(() => DjoserWiringCheck.Add<IdentityUser, string, TestDbContext>(services));
        Assert.Equal(
            "AddDjoser was called twice: AddDjoser<IntUser, IntIdentityContext>() and then AddDjoser<IdentityUser, TestDbContext>(). " +
            "An application serves one djoser user model: keep one call.",
            exception.Message);
    }
}
