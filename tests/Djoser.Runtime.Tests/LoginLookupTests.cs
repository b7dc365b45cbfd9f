using Djoser.Model;
using Djoser.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>djoser's LOGIN_FIELD lookup (LoginFieldBackend): one exact match of the login field, else nobody.</summary>
public sealed class LoginLookupTests
{
    [Fact]
    public async Task DefaultLoginField_FindsByIdentitysNormalizedUserName()
    {
        using var host = new TestHost();
        await host.CreateUserAsync("ann", "ann@example.com");
        await using var scope = host.Scope();
        var lookup = ActivatorUtilities.CreateInstance<DjoserLoginLookup<IdentityUser>>(scope.ServiceProvider);

        Assert.Equal("ann", (await lookup.FindAsync("ANN", CancellationToken.None))?.UserName);
        Assert.Null(await lookup.FindAsync("ann@example.com", CancellationToken.None));
        Assert.Equal("username", lookup.FieldName);
    }

    [Fact]
    public async Task EmailLoginField_FindsTheOneUserWithThatEmail_AndNobodyWhenTwoShareIt()
    {
        using var host = new TestHost();
        await host.CreateUserAsync("ann", "ann@example.com");
        await host.CreateUserAsync("bob", "shared@example.com");
        await host.CreateUserAsync("cid", "shared@example.com");
        await using var scope = host.Scope();
        var lookup = new DjoserLoginLookup<IdentityUser>(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>(), new EmailLoginModel());

        Assert.Equal("ann", (await lookup.FindAsync("ann@example.com", CancellationToken.None))?.UserName);
        Assert.Null(await lookup.FindAsync("ann", CancellationToken.None));
        Assert.Null(await lookup.FindAsync("shared@example.com", CancellationToken.None));
        Assert.Equal("email", lookup.FieldName);
    }

    /// <summary>Identity's default user logging in by e-mail, as generated for <c>LoginField = nameof(Email)</c>.</summary>
    private sealed class EmailLoginModel : DelegatingUserModel
    {
        public override DjoserFieldInfo LoginField => RequiredFields[0];

        public override System.Linq.Expressions.Expression<Func<IdentityUser, bool>>? MatchLogin(string login) => user => user.Email == login;
    }
}
