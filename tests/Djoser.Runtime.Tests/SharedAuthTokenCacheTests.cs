using Djoser.Data;
using Djoser.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>
/// The auth-token cache with shared revocation versions (several instances, issue 12): served from memory only while
/// the user's version is unchanged, every eviction replaces the version, and no cache at all while it cannot be read.
/// </summary>
public sealed class SharedAuthTokenCacheTests : IDisposable
{
    private readonly FakeRevocationVersions _versions = new();
    private readonly TestHost _host;

    public SharedAuthTokenCacheTests() =>
        _host = new TestHost(services => services.AddSingleton<IDjoserRevocationVersions>(_versions));

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_token_is_served_from_memory_from_its_third_lookup_on()
    {
        var id = await _host.CreateUserAsync();
        var key = await CreateKeyAsync(id);

        var queries = await QueriesOfFindsAsync(key, id, 4);
        Assert.Equal(new[] { 1, 1, 0, 0 }, queries);
    }

    [Fact]
    public async Task A_version_replaced_by_another_instance_sends_the_next_lookup_to_the_database()
    {
        var id = await _host.CreateUserAsync();
        var key = await CreateKeyAsync(id);
        await WarmAsync(key, id);

        // Another instance logged the user out: the row is gone, then the version is replaced.
        await using (var scope = _host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<DjoserAuthToken<IdentityUser, string>>().ExecuteDeleteAsync();
        }

        _versions.Advance(id);
        await using (var scope = _host.Scope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>().FindUserAsync(key, default));
        }
    }

    [Fact]
    public async Task An_unchanged_version_keeps_serving_the_cached_token()
    {
        var id = await _host.CreateUserAsync();
        var key = await CreateKeyAsync(id);
        await WarmAsync(key, id);

        _versions.Advance("someone-else");
        Assert.Equal(0, await QueriesOfFindAsync(key, id));
    }

    [Fact]
    public async Task Forget_and_DeleteAll_replace_the_users_version()
    {
        var id = await _host.CreateUserAsync();
        await CreateKeyAsync(id);
        await using var scope = _host.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id);

        await store.ForgetAsync(user!);
        Assert.Equal(1, _versions.AdvancesOf(id));
        await store.DeleteAllAsync(user!, default);
        Assert.Equal(2, _versions.AdvancesOf(id));
    }

    [Fact]
    public async Task While_versions_cannot_be_read_every_lookup_queries_the_database()
    {
        var id = await _host.CreateUserAsync();
        var key = await CreateKeyAsync(id);
        await WarmAsync(key, id);

        _versions.Unavailable = true;
        var queries = await QueriesOfFindsAsync(key, id, 3);
        Assert.Equal(new[] { 1, 1, 1 }, queries);

        // Back: the outage left only the owner cached, so one query caches the token again under the version read first.
        _versions.Unavailable = false;
        Assert.Equal(1, await QueriesOfFindAsync(key, id));
        Assert.Equal(0, await QueriesOfFindAsync(key, id));
        _versions.Advance(id);
        Assert.Equal(1, await QueriesOfFindAsync(key, id));
    }

    private async Task<string> CreateKeyAsync(string id)
    {
        await using var scope = _host.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id);
        return await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>().GetOrCreateAsync(user!, default);
    }

    private async Task WarmAsync(string key, string id)
    {
        for (var i = 0; i < 3; i++)
        {
            await QueriesOfFindAsync(key, id);
        }

        Assert.Equal(0, await QueriesOfFindAsync(key, id));
    }

    private async Task<int[]> QueriesOfFindsAsync(string key, string id, int count)
    {
        var queries = new int[count];
        for (var i = 0; i < count; i++)
        {
            queries[i] = await QueriesOfFindAsync(key, id);
        }

        return queries;
    }

    /// <summary>Looks <paramref name="key"/> up in a scope of its own, checks its owner, and returns the SQL commands it took.</summary>
    private async Task<int> QueriesOfFindAsync(string key, string id)
    {
        await using var scope = _host.Scope();
        _host.Commands.Count = 0;
        var user = await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>().FindUserAsync(key, default);
        Assert.Equal(id, user?.Id);
        return _host.Commands.Count;
    }
}
