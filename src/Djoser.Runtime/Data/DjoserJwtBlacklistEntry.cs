namespace Djoser.Data;

/// <summary>
/// A refresh token that may no longer be used (simplejwt's <c>BlacklistedToken</c>): given up by a rotation with
/// <c>Djoser:Jwt:BlacklistAfterRotation</c>, or logged out at the opt-in <c>/jwt/logout/</c>. Keyed by the token's
/// <c>jti</c>; a row can be deleted once <see cref="ExpiresAt"/> has passed, as the token is dead by then anyway.
/// </summary>
public sealed class DjoserJwtBlacklistEntry
{
    /// <summary>The token's <c>jti</c> claim.</summary>
    public string Jti { get; set; } = string.Empty;

    /// <summary>The token's <c>exp</c>: after it the row is no longer needed.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the token was blacklisted.</summary>
    public DateTimeOffset BlacklistedAt { get; set; }
}
