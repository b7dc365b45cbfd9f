namespace Djoser.Configuration;

/// <summary>
/// JWT settings under <c>Djoser:Jwt</c>, as simplejwt's <c>SIMPLE_JWT</c> (spec §3.2): each key is simplejwt's setting
/// name in PascalCase (<c>ACCESS_TOKEN_LIFETIME</c> → <c>Djoser:Jwt:AccessTokenLifetime</c>). Checked at start-up when
/// <c>Jwt</c> is one of <c>Djoser:AuthenticationSchemes</c>.
/// </summary>
public sealed class DjoserJwtOptions
{
    /// <summary>
    /// <c>SIGNING_KEY</c> for the HMAC algorithms: the shared secret, used as its UTF-8 bytes (as simplejwt does, so
    /// a Django app with the same key reads our tokens). At least as many bits as the hash: 256 for HS256.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary><c>ALGORITHM</c>: HS256 (default), HS384, HS512, RS256, RS384, RS512, ES256, ES384 or ES512.</summary>
    public string Algorithm { get; set; } = "HS256";

    /// <summary>
    /// For RS* and ES*: the PEM file of the private key that signs (simplejwt's <c>SIGNING_KEY</c> as a key, not a
    /// secret). RSA keys need at least 2048 bits; an EC key's curve must match the algorithm (P-256 for ES256).
    /// </summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>
    /// For RS* and ES*: <c>VERIFYING_KEY</c>, the PEM file of the public key that verifies. Default: the public half
    /// of <see cref="SigningKeyFile"/>.
    /// </summary>
    public string? VerifyingKeyFile { get; set; }

    /// <summary><c>ACCESS_TOKEN_LIFETIME</c>. Default 5 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>REFRESH_TOKEN_LIFETIME</c>. Default 1 day.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary><c>ROTATE_REFRESH_TOKENS</c>: a refresh also answers a new refresh token. Default false.</summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary><c>BLACKLIST_AFTER_ROTATION</c>: with rotation, the refresh token given up is blacklisted. Default false.</summary>
    public bool BlacklistAfterRotation { get; set; }

    /// <summary>
    /// <c>AUTH_HEADER_TYPES</c>: the first words of an <c>Authorization</c> header that JWT authentication claims, matched
    /// exactly; the first is also the challenge (<c>JWT realm="api"</c>). Default <c>["JWT", "Bearer"]</c>, the pair
    /// djoser's documentation configures.
    /// </summary>
    /// <remarks>An array without a default, because configuration binding appends to a default list instead of replacing it.</remarks>
    public string[]? AuthHeaderTypes { get; set; }

    /// <summary>The configured header types, or <c>["JWT", "Bearer"]</c> when none are.</summary>
    internal IReadOnlyList<string> EffectiveAuthHeaderTypes => AuthHeaderTypes is { Length: > 0 } types ? types : ["JWT", "Bearer"];

    /// <summary><c>USER_ID_CLAIM</c>: the claim holding the user's id. Default <c>user_id</c>.</summary>
    public string UserIdClaim { get; set; } = "user_id";

    /// <summary><c>TOKEN_TYPE_CLAIM</c>: the claim holding <c>access</c> or <c>refresh</c>. Default <c>token_type</c>.</summary>
    public string TokenTypeClaim { get; set; } = "token_type";

    /// <summary><c>JTI_CLAIM</c>: the claim holding the token's unique id, what a blacklist records. Default <c>jti</c>.</summary>
    public string JtiClaim { get; set; } = "jti";

    /// <summary><c>LEEWAY</c>: the clock difference tolerated on <c>exp</c>, <c>nbf</c> and <c>iat</c>. Default zero.</summary>
    public TimeSpan Leeway { get; set; }

    /// <summary><c>ISSUER</c>: written as <c>iss</c> and required on every token when set.</summary>
    public string? Issuer { get; set; }

    /// <summary><c>AUDIENCE</c>: written as <c>aud</c> and required on every token when set.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Beyond djoser (issue #712): serve <c>POST /jwt/logout/</c> in the 2.x layout, which blacklists the refresh token
    /// in its body (simplejwt's <c>TokenBlacklistView</c>). Default false.
    /// </summary>
    public bool LogoutEndpoint { get; set; }
}
