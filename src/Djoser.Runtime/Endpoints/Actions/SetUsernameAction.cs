using Djoser.Authentication;
using System.Globalization;
using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Djoser.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>Changing the current user's username field (spec §2.2 "/&lt;username&gt;/", §3.2 "set_&lt;username&gt;").</summary>
internal sealed class SetUsernameAction<TUser, TKey>(
    DjoserAccounts<TUser, TKey> accounts,
    DjoserAccountEmails<TUser, TKey> emails,
    IDjoserUserModel<TUser> model,
    IOptions<DjoserOptions> options,
    DjoserEra era,
    DjoserEmailChanges<TUser, TKey> emailChanges)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var user = await accounts.LoadForUpdateAsync(request.Target!);
        if (user is null)
        {
            return DjoserAuthenticationResults.UserGone();
        }

        var settings = options.Value;
        var errors = new DjoserValidationErrors();
        var change = model.BindSetUsername(body, settings.SetUsernameRetype, errors);
        if (change is null)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        // Field-level checks, all reported together: the new name must be free (even of the requester, as in
        // djoser), and the current password must match.
        var newUsernameField = "new_" + model.UsernameField.JsonName;
        if (await accounts.Users.FindByNameAsync(change.NewUsername) is not null)
        {
            errors.Add(newUsernameField, accounts.UsernameTakenMessage());
        }

        if (!await accounts.Users.CheckPasswordAsync(user, change.CurrentPassword))
        {
            errors.Add(DjoserAccounts<TUser, TKey>.CurrentPasswordField, era.InvalidPassword);
        }

        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        if (settings.SetUsernameRetype && !string.Equals(change.NewUsername, change.ReNewUsername, StringComparison.Ordinal))
        {
            return DjoserResults.NonFieldError(string.Format(CultureInfo.InvariantCulture, era.UsernameMismatchFormat, model.UsernameField.JsonName));
        }

        if (emailChanges.Deferred && emailChanges.EmailIsUsername)
        {
            // Djoser:Email:ConfirmEmailChange: nothing changes yet; the new address gets the link that changes it, the
            // old one a notice, and the answer is djoser's usual 204 (the username-changed e-mail follows the confirm).
            return await emails.InTransactionAsync(
                async () =>
                {
                    await emails.QueueEmailChangeAsync(request.Http, user, change.NewUsername);
                    return null;
                },
                request.Aborted) ?? DjoserResults.NoContent();
        }

        model.SetUsername(user, change.NewUsername);
        var reactivate = settings.SendActivationEmail && era.UsernameChangeNeedsActivation;
        if (reactivate)
        {
            user.EmailConfirmed = false;
        }

        try
        {
            return await emails.InTransactionAsync(
                async () =>
                {
                    var saved = await accounts.SaveAsync(user);
                    if (!saved.Succeeded)
                    {
                        return saved.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                            ? DjoserResults.FieldError(newUsernameField, accounts.UsernameTakenMessage())
                            : DjoserAccounts<TUser, TKey>.Refused(saved);
                    }

                    if (reactivate)
                    {
                        await emails.QueueAsync(request.Http, DjoserEmailKind.Activation, user);
                    }
                    else if (settings.UsernameChangedEmailConfirmation)
                    {
                        // To the address after the change: the new one when the username is the e-mail (spec §3.2).
                        await emails.QueueAsync(request.Http, DjoserEmailKind.UsernameChanged, user);
                    }

                    return null;
                },
                request.Aborted) ?? DjoserResults.NoContent();
        }
        catch (DbUpdateException exception) when (Data.DjoserDatabaseFaults.IsUniqueViolation(exception))
        {
            // Another request took the name between the check and the save: the unique index decided.
            return DjoserResults.FieldError(newUsernameField, accounts.UsernameTakenMessage());
        }
    }
}
