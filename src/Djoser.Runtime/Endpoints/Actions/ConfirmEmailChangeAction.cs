using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Errors;
using Djoser.Model;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// Beyond djoser, with <c>Djoser:Email:ConfirmEmailChange</c> (djoser #284, #442): the e-mailed <c>uid</c> and
/// <c>token</c> from the new address make the change asked earlier — the e-mail, and the username when it is the
/// username field. The token names the new address and dies with the change (its fingerprint covers the e-mail), so
/// a second use is "invalid token" as a used reset link is; an address taken meanwhile is a 400 under the e-mail field.
/// </summary>
internal sealed class ConfirmEmailChangeAction<TUser, TKey>(
    DjoserAccounts<TUser, TKey> accounts,
    DjoserAccountEmails<TUser, TKey> emails,
    DjoserEmailChanges<TUser, TKey> emailChanges,
    DjoserEmailChangeTokens<TUser> tokens,
    IDjoserUserModel<TUser> model,
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

        if (await tokens.ValidateAsync(user, link.Token) is not { } newEmail)
        {
            return accounts.InvalidToken();
        }

        if (await emailChanges.TakenAsync(user, newEmail) is { } taken)
        {
            return taken;
        }

        if (emailChanges.EmailIsUsername)
        {
            model.SetUsername(user, newEmail);
        }
        else
        {
            user.Email = newEmail;
        }

        try
        {
            return await emails.InTransactionAsync(
                async () =>
                {
                    var saved = await accounts.SaveAsync(user);
                    if (!saved.Succeeded)
                    {
                        return saved.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail))
                            ? emailChanges.TakenAtSave()
                            : DjoserAccounts<TUser, TKey>.Refused(saved);
                    }

                    if (emailChanges.EmailIsUsername && options.Value.UsernameChangedEmailConfirmation)
                    {
                        // The username changes now, so djoser 2.x's username-changed e-mail goes now, to the new address.
                        await emails.QueueAsync(request.Http, DjoserEmailKind.UsernameChanged, user);
                    }

                    return null;
                },
                request.Aborted) ?? DjoserResults.NoContent();
        }
        catch (DbUpdateException exception) when (Data.DjoserDatabaseFaults.IsUniqueViolation(exception))
        {
            // Another request took the address between the check and the save: the unique index decided.
            return emailChanges.TakenAtSave();
        }
    }
}
