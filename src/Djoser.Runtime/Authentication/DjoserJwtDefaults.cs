using Djoser.Configuration;

namespace Djoser.Authentication;

/// <summary>Names of djoser's JWT authentication.</summary>
public static class DjoserJwtDefaults
{
    /// <summary>The authentication scheme name; use it in <c>[Authorize(AuthenticationSchemes = …)]</c> on endpoints of your own.</summary>
    public const string AuthenticationScheme = "DjoserJwt";

    /// <summary>simplejwt's challenge: the first of <c>AUTH_HEADER_TYPES</c> with realm <c>api</c> (spec §1.4), e.g. <c>JWT realm="api"</c>.</summary>
    internal static string Challenge(DjoserOptions options) => $"{options.Jwt.EffectiveAuthHeaderTypes[0]} realm=\"api\"";
}
