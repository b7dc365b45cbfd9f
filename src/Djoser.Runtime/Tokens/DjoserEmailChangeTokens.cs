using Microsoft.AspNetCore.Identity;

namespace Djoser.Tokens;

/// <summary>
/// The link token of an e-mail change (<c>Djoser:Email:ConfirmEmailChange</c>): Identity's change-email semantics
/// (<c>GenerateChangeEmailTokenAsync(user, newEmail)</c>) on the <see cref="DjoserTokenProvider{TUser}"/>. The
/// Identity purpose names the new address, so the protected part opens only for that address, and the token carries
/// the address before it as <c>{base64url(address)}.{protected}</c>: the confirm needs nothing but <c>uid</c> and
/// <c>token</c>. The address is no secret (the e-mail goes to it); the protected part is single use because its
/// fingerprint covers the user's e-mail, which the confirm changes, and it expires after <c>PasswordResetTimeout</c>.
/// </summary>
internal sealed class DjoserEmailChangeTokens<TUser>(UserManager<TUser> users)
    where TUser : class
{
    private const char Separator = '.';

    /// <summary>A fresh token confirming the change of <paramref name="user"/>'s e-mail to <paramref name="newEmail"/>.</summary>
    public async Task<string> GenerateAsync(TUser user, string newEmail)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(newEmail);
        var bound = await users.GenerateUserTokenAsync(user, DjoserTokenProvider<TUser>.ProviderName, Purpose(newEmail));
        return DjoserUid.Encode(newEmail) + Separator + bound;
    }

    /// <summary>The new address <paramref name="token"/> confirms for <paramref name="user"/>, or <c>null</c> when it is not valid.</summary>
    public async Task<string?> ValidateAsync(TUser user, string token)
    {
        ArgumentNullException.ThrowIfNull(user);
        var separator = token.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0 || !DjoserUid.TryDecode(token[..separator], out var newEmail) || newEmail.Length == 0)
        {
            return null;
        }

        // The purpose names the address: an address swapped in front of another's token opens nothing.
        return await users.VerifyUserTokenAsync(user, DjoserTokenProvider<TUser>.ProviderName, Purpose(newEmail), token[(separator + 1)..])
            ? newEmail
            : null;
    }

    private static string Purpose(string newEmail) => DjoserUserTokens<TUser>.PurposeName(DjoserTokenPurpose.EmailChange) + ":" + newEmail;
}
