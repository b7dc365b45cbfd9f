using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints;

/// <summary>One request as an action sees it, after authentication and the permission check (spec §1.5).</summary>
/// <typeparam name="TUser">The user model.</typeparam>
/// <param name="Http">The HTTP context.</param>
/// <param name="Principal">The authenticated principal, or an anonymous one.</param>
/// <param name="User">
/// The authenticated user, or <c>null</c> for an anonymous request: a read-only snapshot that may be shared with
/// concurrent requests (see <see cref="Authentication.DjoserAuthenticatedUser{TUser}"/>); actions that change the user
/// load a tracked copy through <see cref="DjoserAccounts{TUser, TKey}"/>.
/// </param>
/// <param name="Target">
/// The user the method acts on (<see cref="Layouts.DjoserTarget"/>): the authenticated user, the one named by the URL
/// (permission checked), or <c>null</c>; a read-only snapshot like <paramref name="User"/>.
/// </param>
internal sealed record DjoserRequest<TUser>(HttpContext Http, ClaimsPrincipal Principal, TUser? User, TUser? Target)
    where TUser : class
{
    /// <summary>Whether the request was sent with the given method.</summary>
    public bool Is(string method) => string.Equals(Http.Request.Method, method, StringComparison.OrdinalIgnoreCase);

    /// <summary>Fires when the client goes away.</summary>
    public CancellationToken Aborted => Http.RequestAborted;
}
