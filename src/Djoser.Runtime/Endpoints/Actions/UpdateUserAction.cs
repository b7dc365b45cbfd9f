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

        // Applied again to a fresh copy when another request saved the user meanwhile: the last write wins, as in
        // djoser, instead of a 400 for a conflict the client did not cause (issue 11).
        var refused = await accounts.ChangeAsync(user, async (current, _) =>
        {
            user = current;
            var emailBefore = current.Email;
            update.ApplyTo(current);
            string? pendingEmail = null;
            if (emailChanges.Deferred && !string.IsNullOrEmpty(current.Email) && !string.Equals(emailBefore, current.Email, StringComparison.Ordinal))
            {
                // Djoser:Email:ConfirmEmailChange: the other fields are saved, the e-mail waits for the new address's
                // confirmation, so the answer shows the e-mail unchanged.
                pendingEmail = current.Email;
                current.Email = emailBefore;
                if (await emailChanges.TakenAsync(current, pendingEmail) is { } taken)
                {
                    return taken;
                }
            }

            if (sendActivation && !string.Equals(emailBefore, current.Email, StringComparison.Ordinal))
            {
                // A new address must be activated again (spec §2.2 "/me/", §3.2).
                current.EmailConfirmed = false;
            }

            return await emails.InTransactionAsync(
                async () =>
                {
                    var saved = await accounts.SaveAsync(current);
                    if (!saved.Succeeded)
                    {
                        return DjoserAccounts<TUser, TKey>.Refused(saved);
                    }

                    // Any update that leaves the user inactive re-sends the activation link, as djoser does.
                    if (sendActivation && !current.EmailConfirmed)
                    {
                        await emails.QueueAsync(request.Http, DjoserEmailKind.Activation, current);
                    }

                    if (pendingEmail is not null)
                    {
                        await emails.QueueEmailChangeAsync(request.Http, current, pendingEmail);
                    }

                    return null;
                },
                request.Aborted);
        });
        if (refused is not null)
        {
            return refused;
        }

        return DjoserUserResults.UserObject(model, StatusCodes.Status200OK, user, era.CurrentUserShape);
    }
}
