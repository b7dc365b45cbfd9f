namespace Djoser.Data;

/// <summary>
/// A refresh token that may no longer be used (simplejwt's <c>BlacklistedToken</c>): given up by a rotation with
/// <c>Djoser:Jwt:BlacklistAfterRotation</c>, or logged out at the opt-in <c>/jwt/logout/</c>. Keyed by the token's
/// <c>jti</c>; rows whose <see cref="ExpiresAt"/> has passed are pruned whenever a token is blacklisted, as those
/// tokens are refused for their <c>exp</c> anyway.
/// </summary>
public sealed class DjoserJwtBlacklistEntry
{
    /// <summary>The token's <c>jti</c> claim.</summary>
    public string Jti { get; set; } = string.Empty;

    /// <summary>The token's <c>exp</c>, stored as Unix seconds: after it the row is no longer needed.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the token was blacklisted.</summary>
    public DateTimeOffset BlacklistedAt { get; set; }
}
