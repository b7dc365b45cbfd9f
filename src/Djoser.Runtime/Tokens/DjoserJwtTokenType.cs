namespace Djoser.Tokens;

/// <summary>simplejwt's token classes, told apart by the <c>token_type</c> claim.</summary>
public enum DjoserJwtTokenType
{
    /// <summary><c>access</c>: authenticates requests; short-lived (<c>Djoser:Jwt:AccessTokenLifetime</c>).</summary>
    Access,

    /// <summary><c>refresh</c>: exchanged for access tokens; long-lived (<c>Djoser:Jwt:RefreshTokenLifetime</c>), blacklisted by its <c>jti</c>.</summary>
    Refresh,
}
