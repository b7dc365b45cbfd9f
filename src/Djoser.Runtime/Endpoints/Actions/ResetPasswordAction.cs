using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>E-mailing a password reset link (spec §2.2 "/password/reset/", §3.2 "reset_password").</summary>
internal sealed class ResetPasswordAction<TUser, TKey>(DjoserAccountEmails<TUser, TKey> emails, DjoserEmailLookup<TUser, TKey> lookup)
    : DjoserLinkRequestAction<TUser, TKey>(emails, lookup, DjoserEmailKind.PasswordReset)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>;

/// <summary>E-mailing a username reset link (spec §3.2 "reset_&lt;username&gt;").</summary>
internal sealed class ResetUsernameAction<TUser, TKey>(DjoserAccountEmails<TUser, TKey> emails, DjoserEmailLookup<TUser, TKey> lookup)
    : DjoserLinkRequestAction<TUser, TKey>(emails, lookup, DjoserEmailKind.UsernameReset)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>;

/// <summary>
/// The link requests: an e-mail address in, a link out to every active (or, for activation, inactive) user with a
/// password it names, 204 either way unless a show-not-found setting asks for the error (spec §2.2, §3.2).
/// </summary>
internal abstract class DjoserLinkRequestAction<TUser, TKey>(
    DjoserAccountEmails<TUser, TKey> emails,
    DjoserEmailLookup<TUser, TKey> lookup,
    DjoserEmailKind kind,
    bool forActiveUsers = true)
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

        var matches = await lookup.FindAsync(email.Value!, forActiveUsers, request.Aborted);
        if (matches.Count == 0 && lookup.ShowNotFound)
        {
            return lookup.NotFound();
        }

        if (Refusal() is { } refusal)
        {
            return refusal;
        }

        return await emails.InTransactionAsync(
            async () =>
            {
                foreach (var user in matches)
                {
                    await emails.QueueAsync(request.Http, kind, user);
                }

                if (matches.Count == 0)
                {
                    // The same insert and commit as for a known address, so the answer's timing tells nothing (issue 11).
                    emails.QueueUnmatched(request.Http, kind);
                }

                return null;
            },
            request.Aborted) ?? DjoserResults.NoContent();
    }

    /// <summary>An answer that replaces sending, checked after "not found" as djoser does; <c>null</c> to send.</summary>
    protected virtual IResult? Refusal() => null;
}
