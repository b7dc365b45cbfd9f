using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// djangorestframework-jwt 1.11's <c>VerifyJSONWebToken</c> and <c>RefreshJSONWebToken</c> (spec §2.2 "JWT"):
/// <c>{"token"}</c>, decoded, its <c>username</c> an existing active user; verify answers the same token, refresh a
/// new one with the same <c>orig_iat</c> while <c>orig_iat</c> + <c>Djoser:Jwt:RefreshTokenLifetime</c> has not
/// passed — or until a password reset closes it. Every failure is 400 <c>non_field_errors</c> with drf-jwt's text.
/// </summary>
internal sealed class JwtDrfCheckAction<TUser, TKey>(
    DjoserJwtCodec codec,
    DjoserJwtDrfTokens<TUser, TKey> tokens,
    IDjoserJwtRevocations<TUser> revocations,
    UserManager<TUser> users,
    IOptions<DjoserOptions> options,
    TimeProvider time,
    bool refresh)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var errors = new DjoserValidationErrors();
        var token = body.ReadString("token", DjoserFieldRules.Required, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var payload = await codec.DecodeDrfJwtAsync(token.Value!);
        if (payload.Error is { } error)
        {
            return DjoserResults.NonFieldError(error);
        }

        // drf-jwt's _check_user: the username claim, by the natural key.
        if (string.IsNullOrEmpty(payload.Username))
        {
            return DjoserResults.NonFieldError(DrfJwtMessages.InvalidPayload);
        }

        var user = await users.FindByNameAsync(payload.Username);
        if (user is null)
        {
            return DjoserResults.NonFieldError(DrfJwtMessages.UserDoesNotExist);
        }

        if (!user.EmailConfirmed)
        {
            return DjoserResults.NonFieldError(DrfJwtMessages.AccountDisabled);
        }

        if (!refresh)
        {
            return TokenBody(payload.Token!);
        }

        if (payload.OrigIat is not { } origIat)
        {
            return DjoserResults.NonFieldError(DrfJwtMessages.OrigIatRequired);
        }

        // Whole seconds on both sides, as drf-jwt compares timestamps.
        // Beyond drf-jwt: a password reset (or a change with LogoutOnPasswordChange) closes the refresh window of every
        // token whose orig_iat is earlier, as it revokes simplejwt's refresh tokens.
        if (DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds()) > origIat + options.Value.Jwt.RefreshTokenLifetime
            || await revocations.IsRevokedAsync(payload.Token!, request.Aborted))
        {
            return DjoserResults.NonFieldError(DrfJwtMessages.RefreshExpired);
        }

        return TokenBody(tokens.Create(user, origIat));
    }

    /// <summary>drf-jwt's answer, <c>{"token": "…"}</c>.</summary>
    public static IResult TokenBody(DjoserJwtToken token) => DjoserResults.Json(StatusCodes.Status200OK, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("token", token.Token);
        writer.WriteEndObject();
    });
}
