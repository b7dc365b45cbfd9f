using Djoser.Authentication;
using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Djoser.Throttling;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>Logging in for the user's auth token (spec §2.2 "/token/create/", §3.2 "/token/login/").</summary>
internal sealed class TokenLoginAction<TUser, TKey>(
    UserManager<TUser> users,
    IDjoserAuthTokenStore<TUser> authTokens,
    DjoserLoginLookup<TUser> logins,
    IDjoserLoginRecords<TUser> loginRecords,
    IOptions<DjoserOptions> options,
    DjoserEra era,
    DjoserPasswordSignIn<TUser, TKey> signIn,
    DjoserThrottle throttle)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        // Both fields are optional at field level: a missing one is the generic credentials error (spec §2.2).
        var errors = new DjoserValidationErrors();
        var username = body.ReadString(logins.FieldName, DjoserFieldRules.None, errors);
        var password = body.ReadString("password", DjoserFieldRules.None, errors);
        // Beyond djoser: a per-device login may name its device; an optional field DRF would list with the others.
        var device = options.Value.Token.PerDevice ? body.ReadString(DjoserAuthTokenDevice.Field, DjoserFieldRules.AllowNull | DjoserFieldRules.AllowBlank, errors) : default;
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        if (username.HasValue && throttle.CheckLoginUsername(users.NormalizeName(username.Value!)) is { } throttled)
        {
            return throttled;
        }

        var user = username.HasValue ? await logins.FindAsync(username.Value!, request.Aborted) : null;
        if (user is null || !password.HasValue)
        {
            // Nobody, or no password: hash anyway so response time does not tell whether the account exists.
            await signIn.CheckPasswordAsync(null, password.Value ?? string.Empty, request.Aborted);
            return DjoserResults.NonFieldError(era.InvalidCredentials);
        }

        var check = await signIn.CheckPasswordAsync(user, password.Value!, request.Aborted);
        if (check != DjoserPasswordCheck.Succeeded)
        {
            return DjoserResults.NonFieldError(signIn.FailureMessage(check, era.InvalidCredentials));
        }

        // An inactive user gets the same answer as a wrong password, as with Django's default backend, unless the
        // application opts in to telling them apart (only after the password matched, so it reveals nothing new).
        if (!user.EmailConfirmed)
        {
            return DjoserResults.NonFieldError(options.Value.LoginShowNotActivated ? era.InactiveAccount : era.InvalidCredentials);
        }

        var key = options.Value.Token.PerDevice
            ? await authTokens.GetOrCreateAsync(user, DjoserAuthTokenDevice.Name(device.Value, request.Http.Request), request.Aborted)
            : await authTokens.GetOrCreateAsync(user, request.Aborted);
        await loginRecords.RecordLoginAsync(user, request.Aborted);
        return DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("auth_token", key);
            writer.WriteEndObject();
        });
    }
}
