using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// Setting a new password from the e-mailed uid and token (spec §2.2 "/password/reset/confirm/", §3.2
/// "reset_password_confirm"): fields, password validators, the retype, then the uid and the token (spec §3.3).
/// </summary>
internal sealed class ResetPasswordConfirmAction<TUser, TKey>(
    DjoserAccounts<TUser, TKey> accounts,
    DjoserPasswordChange<TUser, TKey> passwordChange,
    IDjoserUserTokens<TUser> userTokens,
    IDjoserLoginRecords<TUser> logins,
    IDjoserJwtRevocations<TUser> jwtRevocations,
    IDjoserAuthTokenStore<TUser> authTokens,
    IOptions<DjoserOptions> options,
    DjoserEra era)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var settings = options.Value;
        var retype = settings.PasswordResetConfirmRetype;
        var errors = new DjoserValidationErrors();
        var link = await accounts.ReadLinkAsync(body, errors);
        var newPassword = body.ReadString(DjoserAccounts<TUser, TKey>.NewPasswordField, DjoserFieldRules.Required, errors);
        var reNewPassword = retype ? body.ReadString(DjoserAccounts<TUser, TKey>.ReNewPasswordField, DjoserFieldRules.Required, errors) : default;
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        // djoser validates against the anonymous request user, which disables the similarity rule; we use the
        // user the link is for (spec §10, a deliberate fix).
        var invalid = await accounts.ValidateNewPasswordAsync(link.User, newPassword.Value!, retype, reNewPassword.Value);
        if (invalid is not null)
        {
            return invalid;
        }

        if (link.User is not { } user)
        {
            return accounts.InvalidUid();
        }

        if (!await userTokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, link.Token, request.Aborted))
        {
            return accounts.InvalidToken();
        }

        var hash = accounts.HashPassword(user, newPassword.Value!);
        var refused = await accounts.ChangeAsync(
            user,
            async (current, retry) =>
            {
                // Checked again on the fresh copy after a conflict: the token is bound to the password hash and the
                // security stamp, so once one confirm has saved, the link is spent for every racer (issue 11).
                if (retry && !await userTokens.ValidateAsync(current, DjoserTokenPurpose.PasswordReset, link.Token, request.Aborted))
                {
                    return accounts.InvalidToken();
                }

                user = current;
                return await passwordChange.SaveAsync(request.Http, current, hash);
            },
            gone: accounts.InvalidUid());
        if (refused is not null)
        {
            return refused;
        }

        if (era.LinkConfirmRecordsLogin)
        {
            await logins.RecordLoginAsync(user, request.Aborted);
        }

        if (settings.JwtIsOn)
        {
            // Whoever had the old password may hold refresh tokens: a reset ends every JWT session of the user.
            await jwtRevocations.RevokeAllAsync(user, request.Aborted);
        }

        if (!settings.Token.IsDefault)
        {
            // Beyond djoser: with expiring or per-device tokens, a reset also logs every device out (djoser keeps the token).
            await authTokens.DeleteAllAsync(user, request.Aborted);
        }

        return DjoserResults.NoContent();
    }
}
