using Djoser.Configuration;

namespace Djoser.Authentication;

/// <summary>
/// The names <c>Djoser:AuthenticationSchemes</c> accepts, as DRF's <c>DEFAULT_AUTHENTICATION_CLASSES</c>: tried in
/// order, the first one's challenge in every 401's <c>WWW-Authenticate</c> (spec §1.4, §12).
/// </summary>
public static class DjoserAuthenticationSchemes
{
    /// <summary>DRF's <c>TokenAuthentication</c>: <c>Authorization: Token &lt;key&gt;</c>.</summary>
    public const string Token = "Token";

    /// <summary>DRF's <c>BasicAuthentication</c>: <c>Authorization: Basic base64(username:password)</c>.</summary>
    public const string Basic = "Basic";

    /// <summary>simplejwt's <c>JWTAuthentication</c>: <c>Authorization: JWT &lt;access token&gt;</c> (header types from <c>Djoser:Jwt:AuthHeaderTypes</c>).</summary>
    public const string Jwt = "Jwt";

    /// <summary>The schemes djoser knows, by configured name: the ASP.NET Core scheme and its challenge.</summary>
    internal static readonly IReadOnlyDictionary<string, DjoserSchemeInfo> Known = new Dictionary<string, DjoserSchemeInfo>(StringComparer.OrdinalIgnoreCase)
    {
        [Token] = new(Token, DjoserTokenDefaults.AuthenticationScheme, _ => DjoserTokenDefaults.Keyword),
        [Basic] = new(Basic, DjoserBasicDefaults.AuthenticationScheme, _ => DjoserBasicDefaults.Challenge),
        [Jwt] = new(Jwt, DjoserJwtDefaults.AuthenticationScheme, DjoserJwtDefaults.Challenge),
    };
}

/// <summary>One authentication scheme djoser can put in front of its endpoints.</summary>
/// <param name="Name">The name in <c>Djoser:AuthenticationSchemes</c>.</param>
/// <param name="Scheme">The ASP.NET Core authentication scheme.</param>
/// <param name="Challenge">Its <c>WWW-Authenticate</c> value under the given settings (JWT's names the first header type).</param>
internal sealed record DjoserSchemeInfo(string Name, string Scheme, Func<DjoserOptions, string> Challenge);
