using Djoser.Authentication;
using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>Changing the current user's password (spec §2.2 "/password/", §3.2 "set_password").</summary>
internal sealed class SetPasswordAction<TUser, TKey>(
    DjoserAccounts<TUser, TKey> accounts,
    DjoserPasswordChange<TUser, TKey> passwordChange,
    IDjoserAuthTokenStore<TUser> authTokens,
    IDjoserJwtRevocations<TUser> jwtRevocations,
    IOptions<DjoserOptions> options)
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
        var newPassword = body.ReadString(DjoserAccounts<TUser, TKey>.NewPasswordField, DjoserFieldRules.Required, errors);
        var reNewPassword = settings.SetPasswordRetype
            ? body.ReadString(DjoserAccounts<TUser, TKey>.ReNewPasswordField, DjoserFieldRules.Required, errors)
            : default;
        await accounts.CheckCurrentPasswordAsync(user, body, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var invalid = await accounts.ValidateNewPasswordAsync(user, newPassword.Value!, settings.SetPasswordRetype, reNewPassword.Value);
        if (invalid is not null)
        {
            return invalid;
        }

        var hash = accounts.HashPassword(user, newPassword.Value!);
        var refused = await accounts.ChangeAsync(
            user,
            async (current, retry) =>
            {
                if (retry)
                {
                    // Another request changed the user meanwhile: the password sent as current may be current no more.
                    var recheck = new DjoserValidationErrors();
                    await accounts.CheckCurrentPasswordAsync(current, body, recheck);
                    if (recheck.HasErrors)
                    {
                        return DjoserResults.ValidationFailed(recheck);
                    }
                }

                user = current;
                return await passwordChange.SaveAsync(request.Http, current, hash);
            });
        if (refused is not null)
        {
            return refused;
        }

        if (settings.LogoutOnPasswordChange)
        {
            await authTokens.DeleteAllAsync(user, request.Aborted);
            if (settings.JwtIsOn)
            {
                await jwtRevocations.RevokeAllAsync(user, request.Aborted);
            }
        }

        return DjoserResults.NoContent();
    }
}
