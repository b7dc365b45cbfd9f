using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Djoser.Data;
using Djoser.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

public sealed class AuthTokenStoreTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static async Task<IdentityUser> LoadAsync(IServiceProvider services, string id) =>
        await services.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id) ?? throw new InvalidOperationException();

    [Fact]
    public async Task Key_is_40_lowercase_hex_characters()
    {
        var id = await _host.CreateUserAsync();
        await using var scope = _host.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
        var key = await store.GetOrCreateAsync(await LoadAsync(scope.ServiceProvider, id), default);
        Assert.Matches(new Regex("^[0-9a-f]{40}$"), key);
    }

    [Fact]
    public async Task Stores_the_hash_and_a_protected_key_never_the_key()
    {
        var id = await _host.CreateUserAsync();
        string key;
        await using (var scope = _host.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
            key = await store.GetOrCreateAsync(await LoadAsync(scope.ServiceProvider, id), default);
        }

        await using (var scope = _host.Scope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<DjoserAuthToken<IdentityUser, string>>().AsNoTracking().SingleAsync();
            Assert.Equal(id, row.UserId);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key))), row.KeyHash);
            Assert.DoesNotContain(key, row.ProtectedKey, StringComparison.Ordinal);
            Assert.NotEqual(key, row.ProtectedKey);
            Assert.Equal(_host.Time.GetUtcNow(), row.Created);
        }
    }

    [Fact]
    public async Task Login_twice_returns_the_same_key()
    {
        var id = await _host.CreateUserAsync();
        string first;
        await using (var scope = _host.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
            var user = await LoadAsync(scope.ServiceProvider, id);
            first = await store.GetOrCreateAsync(user, default);
            Assert.Equal(first, await store.GetOrCreateAsync(user, default));
        }

        await using (var scope = _host.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
            Assert.Equal(first, await store.GetOrCreateAsync(await LoadAsync(scope.ServiceProvider, id), default));
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<DjoserAuthToken<IdentityUser, string>>().CountAsync());
        }
    }

    [Fact]
    public async Task Users_get_different_keys()
    {
        var ann = await _host.CreateUserAsync("ann", "ann@example.com");
        var bob = await _host.CreateUserAsync("bob", "bob@example.com");
        await using var scope = _host.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
        var annKey = await store.GetOrCreateAsync(await LoadAsync(scope.ServiceProvider, ann), default);
        var bobKey = await store.GetOrCreateAsync(await LoadAsync(scope.ServiceProvider, bob), default);
        Assert.NotEqual(annKey, bobKey);
        Assert.Equal(bob, (await store.FindUserAsync(bobKey, default))!.Id);
        Assert.Equal(ann, (await store.FindUserAsync(annKey, default))!.Id);
    }

    [Fact]
    public async Task Delete_removes_the_token_and_the_next_login_gets_a_new_key()
    {
        var id = await _host.CreateUserAsync();
        await using var scope = _host.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
        var user = await LoadAsync(scope.ServiceProvider, id);
        var key = await store.GetOrCreateAsync(user, default);

        await store.DeleteAllAsync(user, default);

        Assert.Null(await store.FindUserAsync(key, default));
        var again = await store.GetOrCreateAsync(user, default);
        Assert.NotEqual(key, again);
        Assert.Equal(id, (await store.FindUserAsync(again, default))!.Id);
    }

    [Fact]
    public async Task FindUser_is_one_untracked_query_then_served_from_memory_until_it_expires()
    {
        var id = await _host.CreateUserAsync();
        var key = await CreateKeyAsync(id);

        await using (var scope = _host.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
            var context = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            _host.Commands.Count = 0;
            var user = await store.FindUserAsync(key, default);
            Assert.Equal(1, _host.Commands.Count);
            Assert.Equal(id, user!.Id);
            Assert.Equal(EntityState.Detached, context.Entry(user).State);
        }

        await using (var scope = _host.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
            _host.Commands.Count = 0;
            Assert.Equal(id, (await store.FindUserAsync(key, default))!.Id);
            Assert.Equal(0, _host.Commands.Count);

            // Djoser's default lifetime is five seconds; after it the database is asked again.
            _host.Time.Advance(TimeSpan.FromSeconds(6));
            Assert.Equal(id, (await store.FindUserAsync(key, default))!.Id);
            Assert.Equal(1, _host.Commands.Count);
        }
    }

    [Fact]
    public async Task Forget_and_DeleteAll_take_effect_at_once_despite_the_cache()
    {
        var id = await _host.CreateUserAsync();
        var key = await CreateKeyAsync(id);

        await using var scope = _host.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
        var user = (await store.FindUserAsync(key, default))!;

        await store.ForgetAsync(user);
        _host.Commands.Count = 0;
        Assert.NotNull(await store.FindUserAsync(key, default));
        Assert.Equal(1, _host.Commands.Count);

        await store.DeleteAllAsync(user, default);
        Assert.Null(await store.FindUserAsync(key, default));
    }

    private async Task<string> CreateKeyAsync(string id)
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>()
            .GetOrCreateAsync(await LoadAsync(scope.ServiceProvider, id), default);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF01")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("0123456789abcdef0123456789abcdef012345678")]
    public async Task Malformed_keys_find_nobody_without_a_query(string key)
    {
        await using var scope = _host.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
        _host.Commands.Count = 0;
        Assert.Null(await store.FindUserAsync(key, default));
        Assert.Equal(0, _host.Commands.Count);
    }

    [Fact]
    public async Task Unknown_well_formed_key_finds_nobody()
    {
        var id = await _host.CreateUserAsync();
        var key = await CreateKeyAsync(id);
        await using var scope = _host.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
        Assert.Equal(id, (await store.FindUserAsync(key, default))?.Id);
        Assert.Null(await store.FindUserAsync(key == new string('a', 40) ? new string('b', 40) : new string('a', 40), default));
    }

    [Fact]
    public async Task A_key_that_cannot_be_unprotected_is_replaced()
    {
        var id = await _host.CreateUserAsync();
        string key;
        await using (var scope = _host.Scope())
        {
            key = await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>()
                .GetOrCreateAsync(await LoadAsync(scope.ServiceProvider, id), default);
            var context = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            await context.Set<DjoserAuthToken<IdentityUser, string>>().ExecuteUpdateAsync(s => s.SetProperty(t => t.ProtectedKey, "CfDJ8-from-a-lost-key-ring"));
        }

        await using (var scope = _host.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
            var replacement = await store.GetOrCreateAsync(await LoadAsync(scope.ServiceProvider, id), default);
            Assert.NotEqual(key, replacement);
            Assert.Matches(new Regex("^[0-9a-f]{40}$"), replacement);
            Assert.Null(await store.FindUserAsync(key, default));
            Assert.Equal(id, (await store.FindUserAsync(replacement, default))!.Id);
            Assert.Equal(replacement, await store.GetOrCreateAsync(await LoadAsync(scope.ServiceProvider, id), default));
        }
    }

    [Fact]
    public async Task Login_records_keep_the_last_login()
    {
        var id = await _host.CreateUserAsync();
        await using var scope = _host.Scope();
        var records = scope.ServiceProvider.GetRequiredService<IDjoserLoginRecords<IdentityUser>>();
        var user = await LoadAsync(scope.ServiceProvider, id);
        Assert.Null(await records.GetLastLoginAsync(user, default));

        await records.RecordLoginAsync(user, default);
        Assert.Equal(_host.Time.GetUtcNow(), await records.GetLastLoginAsync(user, default));

        _host.Time.Advance(TimeSpan.FromHours(1));
        await records.RecordLoginAsync(user, default);

        await using var other = _host.Scope();
        var fresh = other.ServiceProvider.GetRequiredService<IDjoserLoginRecords<IdentityUser>>();
        Assert.Equal(_host.Time.GetUtcNow(), await fresh.GetLastLoginAsync(user, default));
        Assert.Equal(1, await other.ServiceProvider.GetRequiredService<TestDbContext>().Set<DjoserLoginRecord<string>>().CountAsync());
    }
}
