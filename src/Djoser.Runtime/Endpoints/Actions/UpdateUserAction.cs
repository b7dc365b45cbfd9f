using Djoser.Authentication;
using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Djoser.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>PUT (full) and PATCH (partial) of a user (spec §2.2 "/me/", §3.2 "/users/{id}/").</summary>
internal sealed class UpdateUserAction<TUser, TKey>(
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

        var errors = new DjoserValidationErrors();
        var update = model.BindUpdate(body, partial: request.Is(HttpMethods.Patch), errors);
        if (update is null)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var sendActivation = options.Value.SendActivationEmail && era.EmailChangeNeedsActivation;
        var emailBefore = user.Email;
        update.ApplyTo(user);
        string? pendingEmail = null;
        if (emailChanges.Deferred && !string.IsNullOrEmpty(user.Email) && !string.Equals(emailBefore, user.Email, StringComparison.Ordinal))
        {
            // Djoser:Email:ConfirmEmailChange: the other fields are saved, the e-mail waits for the new address's
            // confirmation, so the answer shows the e-mail unchanged.
            pendingEmail = user.Email;
            user.Email = emailBefore;
            if (await emailChanges.TakenAsync(user, pendingEmail) is { } taken)
            {
                return taken;
            }
        }

        if (sendActivation && !string.Equals(emailBefore, user.Email, StringComparison.Ordinal))
        {
            // A new address must be activated again (spec §2.2 "/me/", §3.2).
            user.EmailConfirmed = false;
        }

        var refused = await emails.InTransactionAsync(
            async () =>
            {
                var saved = await accounts.SaveAsync(user);
                if (!saved.Succeeded)
                {
                    return DjoserAccounts<TUser, TKey>.Refused(saved);
                }

                // Any update that leaves the user inactive re-sends the activation link, as djoser does.
                if (sendActivation && !user.EmailConfirmed)
                {
                    await emails.QueueAsync(request.Http, DjoserEmailKind.Activation, user);
                }

                if (pendingEmail is not null)
                {
                    await emails.QueueEmailChangeAsync(request.Http, user, pendingEmail);
                }

                return null;
            },
            request.Aborted);
        if (refused is not null)
        {
            return refused;
        }

        return DjoserUserResults.UserObject(model, StatusCodes.Status200OK, user, era.CurrentUserShape);
    }
}
