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
/// djangorestframework-jwt 1.11's <c>ObtainJSONWebToken</c> (spec §2.2 "JWT"): the username field and
/// <c>password</c>, required and not blank; bad credentials (an inactive user too, as Django's backend refuses it)
/// are 400 <c>non_field_errors</c>; success <c>{"token"}</c>.
/// </summary>
internal sealed class JwtDrfCreateAction<TUser, TKey>(
    UserManager<TUser> users,
    IDjoserUserModel<TUser> model,
    DjoserJwtDrfTokens<TUser, TKey> tokens,
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
            return DjoserResults.NonFieldError(signIn.FailureMessage(user.Check, DrfJwtMessages.InvalidCredentials));
        }

        return JwtDrfCheckAction<TUser, TKey>.TokenBody(tokens.Create(active, origIat: null));
    }
}
