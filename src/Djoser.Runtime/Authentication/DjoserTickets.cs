using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Authentication;

/// <summary>How every djoser scheme hands over the user it found: a request feature for djoser's actions, a principal for the rest.</summary>
internal static class DjoserTickets
{
    public static AuthenticationTicket Issue<TUser, TKey>(HttpContext context, TUser user, string scheme)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
    {
        context.Features.Set(new DjoserAuthenticatedUser<TUser>(user));
        var identity = new ClaimsIdentity(scheme);
        identity.AddClaim(OwnClaim(identity, ClaimTypes.NameIdentifier, user.Id.ToString() ?? string.Empty));
        identity.AddClaim(OwnClaim(identity, ClaimTypes.Name, user.UserName ?? string.Empty));
        return new AuthenticationTicket(new ClaimsPrincipal(identity), scheme);
    }

    // A claim made with its identity as subject, as the identity's own constructor would make it: ClaimsIdentity copies
    // every claim handed to it that names another subject (or none), and this runs on every authenticated request.
    private static Claim OwnClaim(ClaimsIdentity identity, string type, string value) =>
        new(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity);
}
