using Djoser.Authentication;
using Djoser.Authorization;
using Djoser.Configuration;
using Djoser.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints;

/// <summary>Finds the user a <c>/users/{id}/</c> method acts on, once authentication and the view permission have passed.</summary>
internal interface IDjoserTargets<TUser>
    where TUser : class
{
    /// <summary>The user named by the route, or the answer to send instead (403, 404).</summary>
    Task<(TUser? Target, IResult? Failure)> FindByIdAsync(HttpContext http, System.Security.Claims.ClaimsPrincipal principal, AuthorizationPolicy policy);
}

/// <summary>
/// DRF's <c>get_object</c> and <c>check_object_permissions</c> for <c>/users/{id}/</c> (spec §3.2, §6.9), looked up by
/// the model's <c>UserIdField</c> (djoser's <c>USER_ID_FIELD</c>): a value that does not convert or names nobody is 404, a refused object permission 403 — or 404 with <c>HideUsers</c> for reads
/// and updates, so other users' ids cannot be probed.
/// </summary>
internal sealed class DjoserTargets<TUser, TKey>(
    UserManager<TUser> users,
    Model.IDjoserUserModel<TUser> model,
    IAuthorizationService authorization,
    IOptions<DjoserOptions> options)
    : IDjoserTargets<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    /// <summary>The route value of <c>/users/{id}/</c> (djoser's <c>USER_ID_FIELD</c> kwarg).</summary>
    public const string IdRouteValue = "id";

    public async Task<(TUser? Target, IResult? Failure)> FindByIdAsync(HttpContext http, System.Security.Claims.ClaimsPrincipal principal, AuthorizationPolicy policy)
    {
        var match = http.Request.RouteValues[IdRouteValue] is string id ? model.MatchUserId(id) : null;
        var found = match is null ? null : await users.Users.AsNoTracking().FirstOrDefaultAsync(match, http.RequestAborted);
        if (found is null)
        {
            return (null, NotFound());
        }

        var permitted = await authorization.AuthorizeAsync(principal, new DjoserPermissionResource(http, found.Id.ToString()), policy);
        if (permitted.Succeeded)
        {
            return (found, null);
        }

        var masked = options.Value.HideUsers && !HttpMethods.IsDelete(http.Request.Method);
        return (null, masked ? NotFound() : DjoserAuthenticationResults.PermissionDenied());
    }

    private static IResult NotFound() => DjoserResults.Detail(StatusCodes.Status404NotFound, DjoserMessages.NotFound);
}
