using System.Security.Claims;
using Djoser.Authentication;
using Djoser.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>djoser's endpoints authenticate as <c>http.AuthenticateAsync(scheme)</c> would: the scheme's handler, then the application's claims transformation.</summary>
public sealed class AuthenticatorTests : IDisposable
{
    private readonly TestHost _host = new(services => services.AddSingleton<IClaimsTransformation, AddsStaffRole>());

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Authenticate_ValidToken_RunsTheClaimsTransformation()
    {
        var key = await IssueKeyAsync(_host);
        await using var scope = _host.Scope();
        var http = Request(scope.ServiceProvider, "Token " + key);

        var result = await scope.ServiceProvider.GetRequiredService<DjoserAuthenticator<IdentityUser>>().AuthenticateAsync(http);

        Assert.Null(result.Failure);
        Assert.Equal("ann", result.User?.UserName);
        Assert.True(result.Principal.IsInRole("staff"));
        Assert.Same(result.Principal, http.User);
    }

    [Fact]
    public async Task Authenticate_UnknownToken_FailsWithoutTransforming()
    {
        await using var scope = _host.Scope();
        var http = Request(scope.ServiceProvider, "Token " + new string('0', 40));

        var result = await scope.ServiceProvider.GetRequiredService<DjoserAuthenticator<IdentityUser>>().AuthenticateAsync(http);

        Assert.NotNull(result.Failure);
        Assert.Null(result.User);
        Assert.False(result.Principal.IsInRole("staff"));
    }

    [Fact]
    public async Task Authenticate_ValidToken_ThePrincipalsClaimsAreItsIdentitysOwn()
    {
        // The claims are made with their identity as subject (the identity copies any other); the same claims as
        // ClaimsIdentity's own constructor makes.
        using var host = new TestHost();
        var key = await IssueKeyAsync(host);
        await using var scope = host.Scope();
        var http = Request(scope.ServiceProvider, "Token " + key);

        var result = await scope.ServiceProvider.GetRequiredService<DjoserAuthenticator<IdentityUser>>().AuthenticateAsync(http);

        var identity = Assert.Single(result.Principal.Identities);
        Assert.Equal(DjoserTokenDefaults.AuthenticationScheme, identity.AuthenticationType);
        Assert.True(identity.IsAuthenticated);
        Assert.Collection(identity.Claims,
            claim => Assert.Equal((ClaimTypes.NameIdentifier, result.User!.Id), (claim.Type, claim.Value)),
            claim => Assert.Equal((ClaimTypes.Name, "ann"), (claim.Type, claim.Value)));
        Assert.All(identity.Claims, claim =>
        {
            Assert.Same(identity, claim.Subject);
            Assert.Equal((ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer), (claim.ValueType, claim.Issuer, claim.OriginalIssuer));
        });
        Assert.Equal("ann", result.Principal.Identity?.Name);
    }

    [Fact]
    public async Task Authenticate_ATransformationDerivedFromTheDefault_StillRuns()
    {
        // Only ASP.NET Core's own no-op transformation is skipped, not a subclass that overrides it.
        using var host = new TestHost(services => services.AddSingleton<IClaimsTransformation, DefaultPlusStaff>());
        var key = await IssueKeyAsync(host);
        await using var scope = host.Scope();
        var http = Request(scope.ServiceProvider, "Token " + key);

        var result = await scope.ServiceProvider.GetRequiredService<DjoserAuthenticator<IdentityUser>>().AuthenticateAsync(http);

        Assert.True(result.Principal.IsInRole("staff"));
    }

    private static DefaultHttpContext Request(IServiceProvider services, string authorization)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Headers.Authorization = authorization;
        return http;
    }

    private static async Task<string> IssueKeyAsync(TestHost host)
    {
        var id = await host.CreateUserAsync();
        await using var scope = host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException();
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        return await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>().GetOrCreateAsync(user, default);
    }

    private sealed class DefaultPlusStaff : NoopClaimsTransformation
    {
        public override Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal) => new AddsStaffRole().TransformAsync(principal);
    }

    private sealed class AddsStaffRole : IClaimsTransformation
    {
        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            var transformed = new ClaimsPrincipal(principal);
            transformed.AddIdentity(new ClaimsIdentity([new Claim(ClaimTypes.Role, "staff")]));
            return Task.FromResult(transformed);
        }
    }
}
