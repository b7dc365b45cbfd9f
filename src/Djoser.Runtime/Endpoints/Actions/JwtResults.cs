using Djoser.Authentication;
using Djoser.Configuration;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>simplejwt's views' 401s: <c>{"detail"[, "code"]}</c> with <c>WWW-Authenticate: &lt;first header type&gt; realm="api"</c> (spec §3.2).</summary>
internal static class JwtResults
{
    /// <summary>simplejwt's <c>InvalidToken</c>: <c>{"detail": "…", "code": "token_not_valid"}</c>.</summary>
    public static IResult InvalidToken(HttpContext http, string detail) => Unauthorized(http, detail, DjoserJwtMessages.TokenNotValidCode);

    /// <summary>A 401 of a simplejwt view; <paramref name="code"/> <c>null</c> leaves the key out (<c>AuthenticationFailed</c> of the login).</summary>
    public static IResult Unauthorized(HttpContext http, string detail, string? code) =>
        new DjoserAuthenticationFailure(detail, code).ToResult(
            DjoserJwtDefaults.Challenge(http.RequestServices.GetRequiredService<IOptions<DjoserOptions>>().Value));
}
