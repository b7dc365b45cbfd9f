using System.Text.RegularExpressions;
using Djoser.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Runtime.Tests;

public sealed class UserTokenTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    private async Task<(AsyncServiceScope Scope, IDjoserUserTokens<IdentityUser> Tokens, UserManager<IdentityUser> Users, IdentityUser User)> ArrangeAsync()
    {
        var id = await _host.CreateUserAsync();
        var scope = _host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException();
        return (scope, scope.ServiceProvider.GetRequiredService<IDjoserUserTokens<IdentityUser>>(), users, user);
    }

    [Fact]
    public void Provider_is_registered_with_Identity_as_Djoser()
    {
        var options = _host.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        Assert.True(options.Tokens.ProviderMap.ContainsKey("Djoser"));
    }

    [Fact]
    public async Task Fresh_token_is_valid_and_url_safe()
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        foreach (var purpose in Enum.GetValues<DjoserTokenPurpose>())
        {
            var token = await tokens.GenerateAsync(user, purpose, default);
            Assert.Matches(new Regex("^[A-Za-z0-9_-]+$"), token);
            Assert.True(await tokens.ValidateAsync(user, purpose, token, default));
            Assert.True(await tokens.ValidateAsync(user, purpose, token, default)); // validation alone does not use it up
        }
    }

    [Fact]
    public async Task Token_of_one_purpose_is_invalid_for_the_other()
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        var activation = await tokens.GenerateAsync(user, DjoserTokenPurpose.Activation, default);
        var reset = await tokens.GenerateAsync(user, DjoserTokenPurpose.PasswordReset, default);
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.Activation, activation, default));
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, reset, default));
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, activation, default));
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.Activation, reset, default));
    }

    [Theory]
    [InlineData(DjoserTokenPurpose.UsernameReset, DjoserTokenPurpose.PasswordReset)]
    [InlineData(DjoserTokenPurpose.UsernameReset, DjoserTokenPurpose.Activation)]
    [InlineData(DjoserTokenPurpose.PasswordReset, DjoserTokenPurpose.UsernameReset)]
    [InlineData(DjoserTokenPurpose.Activation, DjoserTokenPurpose.UsernameReset)]
    public async Task Username_reset_token_and_the_others_do_not_stand_in_for_each_other(DjoserTokenPurpose issued, DjoserTokenPurpose checkedAs)
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        var token = await tokens.GenerateAsync(user, issued, default);
        Assert.True(await tokens.ValidateAsync(user, issued, token, default));
        Assert.False(await tokens.ValidateAsync(user, checkedAs, token, default));
    }

    [Fact]
    public async Task Username_reset_token_dies_like_a_password_reset_token()
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        var records = scope.ServiceProvider.GetRequiredService<IDjoserLoginRecords<IdentityUser>>();
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.UsernameReset, default);
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.UsernameReset, token, default));

        // djoser 2.x sets last_login on reset_username confirm, so a used link dies (spec §6.2).
        await records.RecordLoginAsync(user, default);
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.UsernameReset, token, default));

        var fresh = await tokens.GenerateAsync(user, DjoserTokenPurpose.UsernameReset, default);
        _host.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.UsernameReset, fresh, default));
    }

    [Fact]
    public async Task Token_of_another_user_is_invalid()
    {
        var (scope, tokens, users, user) = await ArrangeAsync();
        await using var _ = scope;
        var bobId = await _host.CreateUserAsync("bob", "bob@example.com");
        var bob = await users.FindByIdAsync(bobId) ?? throw new InvalidOperationException();
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.PasswordReset, default);
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));
        Assert.False(await tokens.ValidateAsync(bob, DjoserTokenPurpose.PasswordReset, token, default));
    }

    [Fact]
    public async Task Token_expires_after_PasswordResetTimeout()
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.PasswordReset, default);

        _host.Time.Advance(TimeSpan.FromDays(3));
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));

        _host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));
    }

    [Fact]
    public async Task Timeout_is_configurable()
    {
        using var host = new TestHost(settings: new() { ["Djoser:PasswordResetTimeout"] = "01:00:00" });
        var id = await host.CreateUserAsync();
        await using var scope = host.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id) ?? throw new InvalidOperationException();
        var tokens = scope.ServiceProvider.GetRequiredService<IDjoserUserTokens<IdentityUser>>();
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.Activation, default);
        host.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.Activation, token, default));
        host.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.Activation, token, default));
    }

    [Fact]
    public async Task Token_dies_when_the_password_changes()
    {
        var (scope, tokens, users, user) = await ArrangeAsync();
        await using var _ = scope;
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.PasswordReset, default);
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));

        // Only the hash changes here (no new security stamp), as Django's token sees it.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, "An0ther-passw0rd");
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));
    }

    [Fact]
    public async Task Token_dies_when_the_password_is_reset_through_Identity()
    {
        var (scope, tokens, users, user) = await ArrangeAsync();
        await using var _ = scope;
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.PasswordReset, default);
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));
        var result = await users.ChangePasswordAsync(user, "s3cret-Pa55word", "An0ther-passw0rd");
        Assert.True(result.Succeeded);
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));
    }

    [Fact]
    public async Task Token_dies_after_a_login()
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        var records = scope.ServiceProvider.GetRequiredService<IDjoserLoginRecords<IdentityUser>>();
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.Activation, default);
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.Activation, token, default));

        await records.RecordLoginAsync(user, default);
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.Activation, token, default));

        // A token issued after the login is fine until the next login, a second later.
        var afterLogin = await tokens.GenerateAsync(user, DjoserTokenPurpose.Activation, default);
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.Activation, afterLogin, default));
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        await records.RecordLoginAsync(user, default);
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.Activation, afterLogin, default));
    }

    [Fact]
    public async Task Every_login_kills_earlier_tokens_even_within_the_same_instant()
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        var records = scope.ServiceProvider.GetRequiredService<IDjoserLoginRecords<IdentityUser>>();
        await records.RecordLoginAsync(user, default);
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.PasswordReset, default);
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));

        // The fake clock has not moved: the second login still changes last_login.
        await records.RecordLoginAsync(user, default);
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));
    }

    [Fact]
    public async Task Login_in_another_scope_kills_the_token()
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        await scope.ServiceProvider.GetRequiredService<IDjoserLoginRecords<IdentityUser>>().RecordLoginAsync(user, default);
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.PasswordReset, default);
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));

        await using (var other = _host.Scope())
        {
            await other.ServiceProvider.GetRequiredService<IDjoserLoginRecords<IdentityUser>>().RecordLoginAsync(user, default);
        }

        await using var third = _host.Scope();
        var reloaded = await third.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(user.Id) ?? throw new InvalidOperationException();
        Assert.False(await third.ServiceProvider.GetRequiredService<IDjoserUserTokens<IdentityUser>>()
            .ValidateAsync(reloaded, DjoserTokenPurpose.PasswordReset, token, default));
    }

    [Fact]
    public async Task Token_survives_a_reload_of_the_user_in_a_new_scope()
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        string token;
        await using (scope)
        {
            await scope.ServiceProvider.GetRequiredService<IDjoserLoginRecords<IdentityUser>>().RecordLoginAsync(user, default);
            token = await tokens.GenerateAsync(user, DjoserTokenPurpose.PasswordReset, default);
        }

        await using var fresh = _host.Scope();
        var reloaded = await fresh.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(user.Id) ?? throw new InvalidOperationException();
        Assert.True(await fresh.ServiceProvider.GetRequiredService<IDjoserUserTokens<IdentityUser>>()
            .ValidateAsync(reloaded, DjoserTokenPurpose.PasswordReset, token, default));
    }

    [Fact]
    public async Task Token_dies_when_the_email_changes()
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.Activation, default);
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.Activation, token, default));
        user.Email = "ann@example.org";
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.Activation, token, default));
    }

    [Fact]
    public async Task Token_ignores_activity_and_username()
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.Activation, default);
        user.UserName = "annette";
        user.EmailConfirmed = true;
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.Activation, token, default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("bad")]
    [InlineData("MR")]
    [InlineData("ab==")]
    [InlineData("abc")]
    [InlineData("1-2-3")]
    [InlineData("not a token!")]
    [InlineData("Q2ZESjhBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB")]
    [InlineData("bm90LWEtdG9rZW4=")]
    [InlineData("c34-6f1b0c8e4a1d2b3c4d5e6f7a8b9c0d1e")]
    public async Task Garbage_is_invalid_without_an_exception(string token)
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        var real = await tokens.GenerateAsync(user, DjoserTokenPurpose.PasswordReset, default);
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, real, default));
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));
    }

    [Fact]
    public async Task Tampered_and_oversized_tokens_are_invalid()
    {
        var (scope, tokens, _, user) = await ArrangeAsync();
        await using var _ = scope;
        var token = await tokens.GenerateAsync(user, DjoserTokenPurpose.PasswordReset, default);
        var flipped = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token, default));
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, flipped, default));
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token[..^1], default));
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, token + token, default));
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, new string('A', 100_000), default));
    }
}
