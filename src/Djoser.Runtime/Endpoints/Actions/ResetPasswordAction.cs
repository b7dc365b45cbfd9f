using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>E-mailing a password reset link (spec §2.2 "/password/reset/").</summary>
internal sealed class ResetPasswordAction<TUser, TKey>(
    UserManager<TUser> users,
    DjoserAccountEmails<TUser, TKey> emails,
    IOptions<DjoserOptions> options,
    DjoserEra era)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    private const string EmailField = "email";

    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var errors = new DjoserValidationErrors();
        var email = body.ReadString(EmailField, DjoserFieldRules.Required | DjoserFieldRules.Email, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        // djoser 1.1 matches case-insensitively and mails every active match that has a password (spec §2.2);
        // a list, not a single lookup, so duplicate addresses are no 500 (spec §10).
        var normalized = users.NormalizeEmail(email.Value!);
        var matches = await users.Users
            .Where(u => u.NormalizedEmail == normalized && u.EmailConfirmed && u.PasswordHash != null)
            .ToListAsync(request.Aborted);
        if (matches.Count == 0 && options.Value.PasswordResetShowEmailNotFound)
        {
            return era.EmailNotFoundAsField
                ? DjoserResults.FieldError(EmailField, era.EmailNotFound)
                : DjoserResults.BareList(era.EmailNotFound);
        }

        foreach (var user in matches)
        {
            await emails.SendAsync(request.Http, DjoserEmailKind.PasswordReset, user);
        }

        return DjoserResults.NoContent();
    }
}
