using System.Globalization;
using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Djoser.Model;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// Setting a new username from the e-mailed uid and token (spec §3.2 "reset_&lt;username&gt;_confirm"): the new name's
/// field checks (uniqueness included), the retype, then the uid and the token, which here are not declared fields.
/// </summary>
internal sealed class ResetUsernameConfirmAction<TUser, TKey>(
    DjoserAccounts<TUser, TKey> accounts,
    DjoserAccountEmails<TUser, TKey> emails,
    IDjoserUserModel<TUser> model,
    IDjoserUserTokens<TUser> userTokens,
    IDjoserLoginRecords<TUser> logins,
    IOptions<DjoserOptions> options,
    DjoserEra era)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var settings = options.Value;
        var errors = new DjoserValidationErrors();
        var change = model.BindNewUsername(body, settings.UsernameResetConfirmRetype, errors);
        var newUsernameField = "new_" + model.UsernameField.JsonName;
        if (change is not null && await accounts.Users.FindByNameAsync(change.NewUsername) is not null)
        {
            errors.Add(newUsernameField, accounts.UsernameTakenMessage());
        }

        if (change is null || errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        if (settings.UsernameResetConfirmRetype && !string.Equals(change.NewUsername, change.ReNewUsername, StringComparison.Ordinal))
        {
            return DjoserResults.NonFieldError(string.Format(CultureInfo.InvariantCulture, era.UsernameMismatchFormat, model.UsernameField.JsonName));
        }

        var link = await accounts.ReadLinkAsync(body, new DjoserValidationErrors(), declared: false);
        if (link.User is not { } user)
        {
            return accounts.InvalidUid();
        }

        if (!await userTokens.ValidateAsync(user, DjoserTokenPurpose.UsernameReset, link.Token, request.Aborted))
        {
            return accounts.InvalidToken();
        }

        model.SetUsername(user, change.NewUsername);
        IResult? refused;
        try
        {
            refused = await emails.InTransactionAsync(
                async () =>
                {
                    var saved = await accounts.SaveAsync(user);
                    if (!saved.Succeeded)
                    {
                        return DjoserAccounts<TUser, TKey>.Refused(saved);
                    }

                    if (settings.UsernameChangedEmailConfirmation)
                    {
                        await emails.QueueAsync(request.Http, DjoserEmailKind.UsernameChanged, user);
                    }

                    return null;
                },
                request.Aborted);
        }
        catch (DbUpdateException exception) when (Data.DjoserDatabaseFaults.IsUniqueViolation(exception))
        {
            // Another request took the name between the check and the save: the unique index decided.
            return DjoserResults.FieldError(newUsernameField, accounts.UsernameTakenMessage());
        }

        if (refused is not null)
        {
            return refused;
        }

        if (era.LinkConfirmRecordsLogin)
        {
            await logins.RecordLoginAsync(user, request.Aborted);
        }

        return DjoserResults.NoContent();
    }
}
