using System.Security.Claims;
using Djoser.Authorization;
using Djoser.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>
/// djoser's permission policies through ASP.NET Core's authorization service: the object check of
/// <c>CurrentUserOrAdmin</c> and <c>IsAdminUser</c> (requirements that are their own handlers), with an application's
/// handlers still running beside them.
/// </summary>
public sealed class PolicyTests
{
    [Theory]
    [InlineData(DjoserPolicies.CurrentUserOrAdmin, "GET", null, null, true)]             // no user object: authentication only
    [InlineData(DjoserPolicies.CurrentUserOrAdmin, "PATCH", "7", null, true)]            // the user itself
    [InlineData(DjoserPolicies.CurrentUserOrAdmin, "GET", "8", null, false)]             // another user
    [InlineData(DjoserPolicies.CurrentUserOrAdmin, "GET", "8", "staff", true)]           // staff
    [InlineData(DjoserPolicies.CurrentUserOrAdminOrReadOnly, "GET", "8", null, true)]    // reading another user
    [InlineData(DjoserPolicies.CurrentUserOrAdminOrReadOnly, "DELETE", "8", null, false)]
    [InlineData(DjoserPolicies.IsAdminUser, "GET", null, null, false)]
    [InlineData(DjoserPolicies.IsAdminUser, "GET", null, "staff", true)]
    public async Task Authorize_DjoserPolicy_DecidesAsDjoser(string permission, string method, string? target, string? role, bool allowed)
    {
        await using var services = Services();

        var result = await AuthorizeAsync(services, permission, User("7", role), method, target);

        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public async Task Authorize_Anonymous_IsDeniedByEveryPolicyButAllowAny()
    {
        await using var services = Services();
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());

        Assert.True((await AuthorizeAsync(services, DjoserPolicies.AllowAny, anonymous, "GET", null)).Succeeded);
        foreach (var permission in new[] { DjoserPolicies.IsAuthenticated, DjoserPolicies.IsAdminUser, DjoserPolicies.CurrentUserOrAdmin, DjoserPolicies.CurrentUserOrAdminOrReadOnly })
        {
            Assert.False((await AuthorizeAsync(services, permission, anonymous, "GET", null)).Succeeded);
        }
    }

    [Fact]
    public async Task Authorize_AnApplicationHandlerThatFails_StillDecides()
    {
        // The requirement handles itself; an application's handler of the same requirement runs too, and may deny.
        await using var services = Services(s => s.AddSingleton<IAuthorizationHandler, DeniesUserSeven>());

        var result = await AuthorizeAsync(services, DjoserPolicies.CurrentUserOrAdmin, User("7", null), "GET", null);

        Assert.False(result.Succeeded);
        Assert.True(result.Failure?.FailCalled);
    }

    private static ServiceProvider Services(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<DjoserOptions>();
        DjoserPolicies.Add(services);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private static async Task<AuthorizationResult> AuthorizeAsync(IServiceProvider services, string permission, ClaimsPrincipal user, string method, string? target)
    {
        var policy = await services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(DjoserPolicies.PolicyName(permission))
            ?? throw new InvalidOperationException($"No policy {permission}.");
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = method;
        return await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, new DjoserPermissionResource(http, target), policy);
    }

    private static ClaimsPrincipal User(string id, string? role)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "Test");
        if (role is not null)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(identity);
    }

    private sealed class DeniesUserSeven : AuthorizationHandler<DjoserCurrentUserOrAdminRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DjoserCurrentUserOrAdminRequirement requirement)
        {
            if (context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value == "7")
            {
                context.Fail();
            }

            return Task.CompletedTask;
        }
    }
}
