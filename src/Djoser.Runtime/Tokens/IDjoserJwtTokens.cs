namespace Djoser.Tokens;

/// <summary>
/// simplejwt's tokens for <typeparamref name="TUser"/>: signed with <c>Djoser:Jwt</c>'s key, claims <c>user_id</c>,
/// <c>token_type</c>, <c>jti</c>, <c>iat</c>, <c>exp</c> (and <c>iss</c>, <c>aud</c> when set), time from the registered
/// <see cref="TimeProvider"/>. Use it to issue tokens from endpoints of your own.
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
public interface IDjoserJwtTokens<TUser>
    where TUser : class
{
    /// <summary>A new access token for <paramref name="user"/>, valid for <c>Djoser:Jwt:AccessTokenLifetime</c>.</summary>
    DjoserJwtToken CreateAccessToken(TUser user);

    /// <summary>A new refresh token for <paramref name="user"/>, valid for <c>Djoser:Jwt:RefreshTokenLifetime</c>.</summary>
    DjoserJwtToken CreateRefreshToken(TUser user);

    /// <summary>
    /// Checks signature, algorithm, lifetime (with <c>Djoser:Jwt:Leeway</c>), issuer and audience when set, then the
    /// <c>jti</c> and that the token is of <paramref name="type"/>; the failure carries simplejwt's text.
    /// </summary>
    Task<DjoserJwtValidation> ValidateAsync(string token, DjoserJwtTokenType type);

    /// <summary>The user a token's user id claim names, read untracked, or null when there is none (or the id is not one of ours).</summary>
    Task<TUser?> FindUserAsync(string userId, CancellationToken cancellationToken);
}
