using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>Setting a new password from the e-mailed uid and token (spec §2.2 "/password/reset/confirm/").</summary>
internal sealed class ResetPasswordConfirmAction<TUser, TKey>(
    DjoserAccounts<TUser, TKey> accounts,
    IDjoserUserTokens<TUser> userTokens,
    IOptions<DjoserOptions> options,
    DjoserEra era)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var retype = options.Value.PasswordResetConfirmRetype;
        var errors = new DjoserValidationErrors();
        var (user, token) = await accounts.ReadUidAndTokenAsync(body, errors);
        var newPassword = body.ReadString(DjoserAccounts<TUser, TKey>.NewPasswordField, DjoserFieldRules.Required, errors);
        var reNewPassword = retype ? body.ReadString(DjoserAccounts<TUser, TKey>.ReNewPasswordField, DjoserFieldRules.Required, errors) : default;
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        // djoser validates against the anonymous request user, which disables the similarity rule; we use the
        // user the link is for (spec §10, a deliberate fix).
        var invalid = await accounts.ValidateNewPasswordAsync(user!, newPassword.Value!, retype, reNewPassword.Value);
        if (invalid is not null)
        {
            return invalid;
        }

        if (!await userTokens.ValidateAsync(user!, DjoserTokenPurpose.PasswordReset, token!, request.Aborted))
        {
            return DjoserResults.FieldError(era.InvalidTokenKey, era.InvalidToken);
        }

        var replaced = await accounts.ReplacePasswordAsync(user!, newPassword.Value!);
        return replaced.Succeeded ? DjoserResults.NoContent() : DjoserAccounts<TUser, TKey>.Refused(replaced);
    }
}
