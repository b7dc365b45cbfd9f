using System.Text.RegularExpressions;
using Djoser.Configuration;
using Djoser.Data;
using Djoser.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Runtime.Tests;

/// <summary>The opt-ins of <c>Djoser:Token</c>: lifetime (absolute, sliding) and per-device tokens, on a fake clock.</summary>
public sealed class AuthTokenLifetimeTests
{
    private static TestHost Host(params (string Key, string Value)[] settings) =>
        new(settings: settings.ToDictionary(s => s.Key, s => (string?)s.Value));

    private static async Task<IdentityUser> LoadAsync(IServiceProvider services, string id) =>
        await services.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id) ?? throw new InvalidOperationException();

    private static async Task<string> LoginAsync(TestHost host, string id, string? device = null)
    {
        await using var scope = host.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
        return await store.GetOrCreateAsync(await LoadAsync(scope.ServiceProvider, id), device, default);
    }

    private static async Task<DjoserAuthTokenMatch<IdentityUser>?> FindAsync(TestHost host, string key)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>().FindAsync(key, default);
    }

    private static async Task<List<DjoserAuthToken<IdentityUser, string>>> RowsAsync(TestHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<DjoserAuthToken<IdentityUser, string>>().AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task Default_mode_writes_nothing_on_use_and_never_expires()
    {
        using var host = Host(("Djoser:AuthTokenCacheDuration", "00:00:00"));
        var id = await host.CreateUserAsync();
        var key = await LoginAsync(host, id);

        host.Time.Advance(TimeSpan.FromDays(3650));
        host.Commands.Count = 0;
        Assert.Equal(id, (await FindAsync(host, key))!.User.Id);
        Assert.Equal(1, host.Commands.Count);
        var row = Assert.Single(await RowsAsync(host));
        Assert.Null(row.ExpiresAt);
        Assert.NotNull(row.ProtectedKey);
        Assert.Equal(key, await LoginAsync(host, id));
    }

    [Fact]
    public async Task Absolute_lifetime_expires_from_the_login_and_the_expired_token_is_deleted()
    {
        using var host = Host(("Djoser:Token:Lifetime", "01:00:00"), ("Djoser:AuthTokenCacheDuration", "00:00:00"));
        var id = await host.CreateUserAsync();
        var key = await LoginAsync(host, id);
        Assert.Equal(host.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), Assert.Single(await RowsAsync(host)).ExpiresAt!.Value.ToUnixTimeSeconds());

        host.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await FindAsync(host, key));
        // Absolute: a use does not extend it, and a login returns the same key with the same expiry.
        Assert.Equal(key, await LoginAsync(host, id));

        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await FindAsync(host, key));
        Assert.Empty(await RowsAsync(host));

        var fresh = await LoginAsync(host, id);
        Assert.NotEqual(key, fresh);
        Assert.NotNull(await FindAsync(host, fresh));
    }

    [Fact]
    public async Task Login_after_expiry_replaces_the_single_token_in_place()
    {
        using var host = Host(("Djoser:Token:Lifetime", "01:00:00"));
        var id = await host.CreateUserAsync();
        var key = await LoginAsync(host, id);
        host.Time.Advance(TimeSpan.FromHours(2));

        var fresh = await LoginAsync(host, id);

        Assert.NotEqual(key, fresh);
        var row = Assert.Single(await RowsAsync(host));
        Assert.Equal(host.Time.GetUtcNow(), row.Created);
        Assert.Null(await FindAsync(host, key));
        Assert.NotNull(await FindAsync(host, fresh));
    }

    [Fact]
    public async Task Cache_entries_never_outlive_the_token()
    {
        // A cache longer than the lifetime: the entry must still end when the token does.
        using var host = Host(("Djoser:Token:Lifetime", "00:00:10"), ("Djoser:AuthTokenCacheDuration", "00:05:00"));
        var id = await host.CreateUserAsync();
        var key = await LoginAsync(host, id);
        Assert.NotNull(await FindAsync(host, key));

        host.Time.Advance(TimeSpan.FromSeconds(9));
        host.Commands.Count = 0;
        Assert.NotNull(await FindAsync(host, key));
        Assert.Equal(0, host.Commands.Count);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await FindAsync(host, key));
    }

    [Fact]
    public async Task Sliding_lifetime_is_pushed_by_use_at_most_once_per_tenth()
    {
        using var host = Host(("Djoser:Token:Lifetime", "10:00:00"), ("Djoser:Token:Expiration", "Sliding"), ("Djoser:AuthTokenCacheDuration", "00:00:00"));
        var id = await host.CreateUserAsync();
        var key = await LoginAsync(host, id);
        var start = host.Time.GetUtcNow();

        // Within a tenth of the lifetime (one hour): a read only, no write.
        host.Time.Advance(TimeSpan.FromMinutes(30));
        host.Commands.Count = 0;
        Assert.NotNull(await FindAsync(host, key));
        Assert.Equal(1, host.Commands.Count);
        Assert.Equal(start.AddHours(10).ToUnixTimeSeconds(), Assert.Single(await RowsAsync(host)).ExpiresAt!.Value.ToUnixTimeSeconds());

        // Past it: one update pushes the expiry to now + lifetime.
        host.Time.Advance(TimeSpan.FromMinutes(31));
        host.Commands.Count = 0;
        Assert.NotNull(await FindAsync(host, key));
        Assert.Equal(2, host.Commands.Count);
        var row = Assert.Single(await RowsAsync(host));
        Assert.Equal(host.Time.GetUtcNow().AddHours(10).ToUnixTimeSeconds(), row.ExpiresAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(host.Time.GetUtcNow(), row.LastUsed);

        // Kept in use, it outlives its first expiry; left alone for the lifetime, it dies.
        for (var i = 0; i < 12; i++)
        {
            host.Time.Advance(TimeSpan.FromHours(2));
            Assert.NotNull(await FindAsync(host, key));
        }

        host.Time.Advance(TimeSpan.FromHours(10));
        Assert.Null(await FindAsync(host, key));
        Assert.Empty(await RowsAsync(host));
    }

    [Fact]
    public async Task Sliding_touch_updates_the_cached_entry_too()
    {
        using var host = Host(("Djoser:Token:Lifetime", "00:10:00"), ("Djoser:Token:Expiration", "Sliding"), ("Djoser:AuthTokenCacheDuration", "00:05:00"));
        var id = await host.CreateUserAsync();
        var key = await LoginAsync(host, id);
        Assert.NotNull(await FindAsync(host, key));

        // Served from memory, but a tenth (one minute) has passed: the write still happens.
        host.Time.Advance(TimeSpan.FromSeconds(61));
        host.Commands.Count = 0;
        Assert.NotNull(await FindAsync(host, key));
        Assert.Equal(1, host.Commands.Count);
        Assert.Equal(host.Time.GetUtcNow(), Assert.Single(await RowsAsync(host)).LastUsed);
    }

    [Fact]
    public async Task Per_device_logins_each_get_a_new_token_and_store_nothing_reversible()
    {
        using var host = Host(("Djoser:Token:PerDevice", "true"));
        var id = await host.CreateUserAsync();
        var phone = await LoginAsync(host, id, "phone");
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var laptop = await LoginAsync(host, id, "laptop");

        Assert.NotEqual(phone, laptop);
        Assert.Matches(new Regex("^[0-9a-f]{40}$"), laptop);
        var rows = await RowsAsync(host);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Null(row.ProtectedKey));
        Assert.All(rows, row => Assert.Equal(id, row.UserId));
        Assert.Equal(["laptop", "phone"], rows.Select(r => r.Device).Order());
        Assert.Equal(id, (await FindAsync(host, phone))!.User.Id);
        Assert.NotEqual((await FindAsync(host, phone))!.TokenId, (await FindAsync(host, laptop))!.TokenId);
    }

    [Fact]
    public async Task Per_device_list_revoke_and_delete_all()
    {
        using var host = Host(("Djoser:Token:PerDevice", "true"), ("Djoser:Token:Lifetime", "1.00:00:00"));
        var ann = await host.CreateUserAsync();
        var bob = await host.CreateUserAsync("bob", "bob@example.com");
        var phone = await LoginAsync(host, ann, "phone");
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var laptop = await LoginAsync(host, ann, "laptop");
        var bobs = await LoginAsync(host, bob, "bob's");
        var phoneId = (await FindAsync(host, phone))!.TokenId;
        var bobsId = (await FindAsync(host, bobs))!.TokenId;

        await using var scope = host.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>();
        var annUser = await LoadAsync(scope.ServiceProvider, ann);
        var list = await store.ListAsync(annUser, default);
        Assert.Equal(["laptop", "phone"], list.Select(t => t.Device));
        Assert.All(list, t => Assert.Equal(t.Created.AddDays(1).ToUnixTimeSeconds(), t.ExpiresAt!.Value.ToUnixTimeSeconds()));

        Assert.False(await store.DeleteAsync(annUser, bobsId, default));
        Assert.NotNull(await store.FindAsync(bobs, default));
        Assert.True(await store.DeleteAsync(annUser, phoneId, default));
        Assert.False(await store.DeleteAsync(annUser, phoneId, default));
        Assert.Null(await store.FindAsync(phone, default));
        Assert.NotNull(await store.FindAsync(laptop, default));

        await store.DeleteAllAsync(annUser, default);
        Assert.Null(await store.FindAsync(laptop, default));
        Assert.Empty(await store.ListAsync(annUser, default));
        Assert.NotNull(await store.FindAsync(bobs, default));
    }

    [Fact]
    public async Task Per_device_list_leaves_out_expired_tokens()
    {
        using var host = Host(("Djoser:Token:PerDevice", "true"), ("Djoser:Token:Lifetime", "01:00:00"));
        var id = await host.CreateUserAsync();
        await LoginAsync(host, id, "old");
        host.Time.Advance(TimeSpan.FromMinutes(40));
        await LoginAsync(host, id, "new");
        host.Time.Advance(TimeSpan.FromMinutes(30));

        await using var scope = host.Scope();
        var list = await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>().ListAsync(await LoadAsync(scope.ServiceProvider, id), default);
        Assert.Equal(["new"], list.Select(t => t.Device));
    }

    [Fact]
    public async Task Default_mode_login_that_loses_the_first_login_race_hands_out_the_winners_key()
    {
        using var host = Host();
        var id = await host.CreateUserAsync();
        string? winner = null;
        // Just before this login's insert, a concurrent login (another scope) creates the user's token.
        host.Commands.Hook = ("INSERT INTO \"DjoserAuthTokens\"", async () => winner = await LoginAsync(host, id));

        var loser = await LoginAsync(host, id);

        Assert.NotNull(winner);
        Assert.Equal(winner, loser);
        Assert.Single(await RowsAsync(host));
    }

    [Fact]
    public void Single_token_ids_are_stable_per_user_and_differ_between_users()
    {
        Assert.Equal(DjoserAuthTokenStore<IdentityUser, string, TestDbContext>.SingleTokenId("ann"), DjoserAuthTokenStore<IdentityUser, string, TestDbContext>.SingleTokenId("ann"));
        Assert.NotEqual(DjoserAuthTokenStore<IdentityUser, string, TestDbContext>.SingleTokenId("ann"), DjoserAuthTokenStore<IdentityUser, string, TestDbContext>.SingleTokenId("bob"));
    }

    [Theory]
    [InlineData("00:00:00", "Djoser:Token:Lifetime must be positive")]
    [InlineData("-01:00:00", "Djoser:Token:Lifetime must be positive")]
    public void Validator_refuses_a_lifetime_that_is_not_positive(string lifetime, string message)
    {
        var options = new DjoserOptions { Token = { Lifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture) } };
        var result = new DjoserTokenOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_refuses_sliding_without_a_lifetime_and_opt_ins_without_a_token_model()
    {
        var sliding = new DjoserTokenOptionsValidator().Validate(null, new DjoserOptions { Token = { Expiration = DjoserTokenExpiration.Sliding } });
        Assert.Contains("Djoser:Token:Expiration is Sliding but Djoser:Token:Lifetime is unset", sliding.FailureMessage, StringComparison.Ordinal);

        var stateless = new DjoserTokenOptionsValidator().Validate(null, new DjoserOptions { TokenModel = DjoserTokenModel.None, Token = { PerDevice = true } });
        Assert.Contains("Djoser:TokenModel is None", stateless.FailureMessage, StringComparison.Ordinal);

        var unknown = new DjoserTokenOptionsValidator().Validate(null, new DjoserOptions { Token = { Expiration = (DjoserTokenExpiration)7 } });
        Assert.Contains("Djoser:Token:Expiration must be Absolute or Sliding", unknown.FailureMessage, StringComparison.Ordinal);

        Assert.True(new DjoserTokenOptionsValidator().Validate(null, new DjoserOptions()).Succeeded);
        Assert.True(new DjoserTokenOptionsValidator().Validate(null, new DjoserOptions { Token = { Lifetime = TimeSpan.FromDays(30), Expiration = DjoserTokenExpiration.Sliding, PerDevice = true } }).Succeeded);
    }

    [Fact]
    public void Options_bind_from_configuration_and_start_up_names_the_key()
    {
        using var host = Host(("Djoser:Token:Lifetime", "-00:00:01"));
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DjoserOptions>>().Value);
        Assert.Contains("Djoser:Token:Lifetime", error.Message, StringComparison.Ordinal);
    }
}
