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
        var key = await IssueKeyAsync();
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

    private static DefaultHttpContext Request(IServiceProvider services, string authorization)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Headers.Authorization = authorization;
        return http;
    }

    private async Task<string> IssueKeyAsync()
    {
        var id = await _host.CreateUserAsync();
        await using var scope = _host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException();
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        return await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>().GetOrCreateAsync(user, default);
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
