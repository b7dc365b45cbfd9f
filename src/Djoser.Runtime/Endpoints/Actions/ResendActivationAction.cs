using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// Sending the activation link again (spec §3.2 "resend_activation"): inactive users with a password only; "not
/// found" is reported before the activation setting is looked at, and with activation off the answer is a 400 with
/// an empty body, as in djoser.
/// </summary>
internal sealed class ResendActivationAction<TUser, TKey>(
    DjoserAccountEmails<TUser, TKey> emails,
    DjoserEmailLookup<TUser, TKey> lookup,
    IOptions<DjoserOptions> options)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var errors = new DjoserValidationErrors();
        var email = body.ReadString(DjoserEmailLookup<TUser, TKey>.EmailField, DjoserFieldRules.Required | DjoserFieldRules.Email, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var matches = await lookup.FindAsync(email.Value!, active: false, request.Aborted);
        if (matches.Count == 0 && lookup.ShowNotFound)
        {
            return lookup.NotFound();
        }

        if (!options.Value.SendActivationEmail)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        foreach (var user in matches)
        {
            await emails.SendAsync(request.Http, DjoserEmailKind.Activation, user);
        }

        return DjoserResults.NoContent();
    }
}
