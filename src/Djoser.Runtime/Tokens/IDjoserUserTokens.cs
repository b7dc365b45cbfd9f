namespace Djoser.Tokens;

/// <summary>
/// Django's <c>PasswordResetTokenGenerator</c> semantics over Identity's token providers (spec §6.2): a token is
/// bound to the user's password hash, e-mail and last login, expires after <c>PasswordResetTimeout</c>, and dies
/// when any of those change.
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
public interface IDjoserUserTokens<TUser>
    where TUser : class
{
    /// <summary>A fresh token for <paramref name="user"/>.</summary>
    Task<string> GenerateAsync(TUser user, DjoserTokenPurpose purpose, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="token"/> is currently valid for <paramref name="user"/>.</summary>
    Task<bool> ValidateAsync(TUser user, DjoserTokenPurpose purpose, string token, CancellationToken cancellationToken);
}
