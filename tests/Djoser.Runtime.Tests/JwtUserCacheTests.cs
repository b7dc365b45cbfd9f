using Djoser.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>
/// JWT authentication's user look-up by id, cached with the auth tokens' eviction (issue 12, and issue 13's JWT hot
/// path): from memory until djoser changes the user, and, with shared versions, until any instance does.
/// </summary>
public sealed class JwtUserCacheTests
{
    private const string SigningKey = "jwt-user-cache-tests-signing-key-0123456789abcdef";

    [Fact]
    public async Task FindUser_IsOneQueryThenServedFromMemory_UntilDjoserForgetsTheUser()
    {
        using var host = Host();
        var id = await host.CreateUserAsync();

        Assert.Equal(1, await QueriesOfFindUserAsync(host, id));
        Assert.Equal(0, await QueriesOfFindUserAsync(host, id));

        await ForgetAsync(host, id);
        Assert.Equal(1, await QueriesOfFindUserAsync(host, id));

        // The lifetime bounds it as for tokens (five seconds by default).
        Assert.Equal(0, await QueriesOfFindUserAsync(host, id));
        host.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await QueriesOfFindUserAsync(host, id));
    }

    [Fact]
    public async Task FindUser_WithSharedVersions_IsCachedFromItsFirstLookup_AndDroppedWhenAnotherInstanceRevokes()
    {
        var versions = new FakeRevocationVersions();
        using var host = Host(versions);
        var id = await host.CreateUserAsync();

        Assert.Equal(1, await QueriesOfFindUserAsync(host, id));
        Assert.Equal(0, await QueriesOfFindUserAsync(host, id));

        versions.Advance(id);
        Assert.Equal(1, await QueriesOfFindUserAsync(host, id));

        versions.Unavailable = true;
        Assert.Equal(1, await QueriesOfFindUserAsync(host, id));
        Assert.Equal(1, await QueriesOfFindUserAsync(host, id));
    }

    [Fact]
    public async Task FindUser_CacheOff_QueriesEveryTime()
    {
        using var host = Host(settings: new() { ["Djoser:AuthTokenCacheDuration"] = "00:00:00" });
        var id = await host.CreateUserAsync();

        Assert.Equal(1, await QueriesOfFindUserAsync(host, id));
        Assert.Equal(1, await QueriesOfFindUserAsync(host, id));
    }

    private static TestHost Host(IDjoserRevocationVersions? versions = null, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Djoser:AuthenticationSchemes:0"] = "Jwt", ["Djoser:Jwt:SigningKey"] = SigningKey };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new TestHost(services =>
        {
            if (versions is not null)
            {
                services.AddSingleton(versions);
            }
        }, all);
    }

    private static async Task ForgetAsync(TestHost host, string id)
    {
        await using var scope = host.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id);
        await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>().ForgetAsync(user!);
    }

    private static async Task<int> QueriesOfFindUserAsync(TestHost host, string id)
    {
        await using var scope = host.Scope();
        host.Commands.Count = 0;
        var user = await scope.ServiceProvider.GetRequiredService<IDjoserJwtTokens<IdentityUser>>().FindUserAsync(id, default);
        Assert.Equal(id, user?.Id);
        return host.Commands.Count;
    }
}
