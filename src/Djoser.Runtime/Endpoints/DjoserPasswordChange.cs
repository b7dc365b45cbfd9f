using Djoser.Configuration;
using Djoser.Emails;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints;

/// <summary>
/// Saving a new password, as set-password and the reset confirm both do: the hash and security stamp, and with
/// <c>Djoser:PasswordChangedEmailConfirmation</c> the "password changed" e-mail, in one transaction.
/// </summary>
internal sealed class DjoserPasswordChange<TUser, TKey>(
    DjoserAccounts<TUser, TKey> accounts,
    DjoserAccountEmails<TUser, TKey> emails,
    IOptions<DjoserOptions> options)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    /// <summary>
    /// Replaces <paramref name="user"/>'s password by <paramref name="passwordHash"/> (hashed before, outside any
    /// transaction); <c>null</c> when saved, else the refusal to answer.
    /// </summary>
    public Task<IResult?> SaveAsync(HttpContext http, TUser user, string passwordHash) =>
        emails.InTransactionAsync(
            async () =>
            {
                var replaced = await accounts.ReplacePasswordAsync(user, passwordHash);
                if (!replaced.Succeeded)
                {
                    return DjoserAccounts<TUser, TKey>.Refused(replaced);
                }

                if (options.Value.PasswordChangedEmailConfirmation)
                {
                    await emails.QueueAsync(http, DjoserEmailKind.PasswordChanged, user);
                }

                return null;
            },
            http.RequestAborted);
}
