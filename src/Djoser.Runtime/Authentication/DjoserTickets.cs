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
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString() ?? string.Empty), new Claim(ClaimTypes.Name, user.UserName ?? string.Empty)],
            scheme);
        return new AuthenticationTicket(new ClaimsPrincipal(identity), scheme);
    }
}
