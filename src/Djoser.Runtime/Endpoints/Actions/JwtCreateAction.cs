using Djoser.Authentication;
using Djoser.Binding;
using Djoser.Errors;
using Djoser.Model;
using Djoser.Throttling;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// simplejwt's <c>TokenObtainPairView</c> (spec §3.2 "JWT"): the username field and <c>password</c>, both required
/// and not blank; a wrong password, an unknown or an inactive user is one 401; success
/// <c>{"refresh", "access"}</c>. <c>last_login</c> is left alone (simplejwt's <c>UPDATE_LAST_LOGIN</c> is off).
/// </summary>
internal sealed class JwtCreateAction<TUser, TKey>(
    UserManager<TUser> users,
    IDjoserUserModel<TUser> model,
    IDjoserJwtTokens<TUser> tokens,
    DjoserPasswordSignIn<TUser, TKey> signIn,
    DjoserThrottle throttle)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var user = await JwtCredentials.CheckAsync(users, model, body, signIn, throttle, request.Aborted);
        if (user.Refused is { } refused)
        {
            return refused;
        }

        if (user.Errors is { } errors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        if (user.User is not { EmailConfirmed: true } active)
        {
            return JwtResults.Unauthorized(request.Http, signIn.FailureMessage(user.Check, DjoserJwtMessages.NoActiveAccount), null);
        }

        var refresh = tokens.CreateRefreshToken(active);
        var access = tokens.CreateAccessToken(active);
        return DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("refresh", refresh.Token);
            writer.WriteString("access", access.Token);
            writer.WriteEndObject();
        });
    }
}

/// <summary>The credential check both JWT libraries' login serializers make.</summary>
internal static class JwtCredentials
{
    /// <summary>
    /// The username field and <c>password</c>, required and not blank (both libraries declare them as
    /// <c>CharField</c>s, trimmed), then the user whose password matches; <see cref="Checked{TUser}.User"/> is
    /// <c>null</c> when none does. Active or not is the caller's question.
    /// </summary>
    public static async Task<Checked<TUser>> CheckAsync<TUser, TKey>(
        UserManager<TUser> users,
        IDjoserUserModel<TUser> model,
        DjoserRequestBody body,
        DjoserPasswordSignIn<TUser, TKey> signIn,
        DjoserThrottle throttle,
        CancellationToken cancellationToken)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
    {
        var errors = new DjoserValidationErrors();
        var username = body.ReadString(model.UsernameField.JsonName, DjoserFieldRules.Required, errors);
        var password = body.ReadString("password", DjoserFieldRules.Required, errors);
        if (errors.HasErrors)
        {
            return new(null, errors, DjoserPasswordCheck.Failed, null);
        }

        if (throttle.CheckLoginUsername(users.NormalizeName(username.Value!)) is { } throttled)
        {
            return new(null, null, DjoserPasswordCheck.Failed, throttled);
        }

        // A null user is hashed for anyway, so response time does not tell whether the account exists.
        var user = await users.FindByNameAsync(username.Value!);
        var check = await signIn.CheckPasswordAsync(user, password.Value!, cancellationToken);
        return new(check == DjoserPasswordCheck.Succeeded ? user : null, null, check, null);
    }

    /// <summary>The user whose credentials matched, or the field errors, or the 429 of the per-username throttle.</summary>
    public readonly record struct Checked<TUser>(TUser? User, DjoserValidationErrors? Errors, DjoserPasswordCheck Check, IResult? Refused);
}
