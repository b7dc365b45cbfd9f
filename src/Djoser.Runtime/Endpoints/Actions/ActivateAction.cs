using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>Activation from the e-mailed uid and token (spec §2.2 "/users/activate/").</summary>
internal sealed class ActivateAction<TUser, TKey>(
    DjoserAccounts<TUser, TKey> accounts,
    DjoserAccountEmails<TUser, TKey> emails,
    IDjoserUserTokens<TUser> userTokens,
    IOptions<DjoserOptions> options)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var errors = new DjoserValidationErrors();
        var link = await accounts.ReadLinkAsync(body, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        if (link.User is not { } user)
        {
            return accounts.InvalidUid();
        }

        // Checked again on a fresh copy when a concurrent confirm saved the user first: exactly one racer activates,
        // the others get the reuse answer (issue 11).
        return await accounts.ChangeAsync(
            user,
            async (current, _) =>
            {
                if (!await userTokens.ValidateAsync(current, DjoserTokenPurpose.Activation, link.Token, request.Aborted))
                {
                    return accounts.InvalidToken();
                }

                // The link stays cryptographically valid after use; djoser answers its reuse with 403 (spec §6.2).
                if (current.EmailConfirmed)
                {
                    return accounts.StaleToken();
                }

                current.EmailConfirmed = true;
                return await emails.InTransactionAsync(
                    async () =>
                    {
                        var saved = await accounts.SaveAsync(current);
                        if (!saved.Succeeded)
                        {
                            return DjoserAccounts<TUser, TKey>.Refused(saved);
                        }

                        if (options.Value.SendConfirmationEmail)
                        {
                            await emails.QueueAsync(request.Http, DjoserEmailKind.Confirmation, current);
                        }

                        return null;
                    },
                    request.Aborted);
            },
            gone: accounts.InvalidUid()) ?? DjoserResults.NoContent();
    }
}
