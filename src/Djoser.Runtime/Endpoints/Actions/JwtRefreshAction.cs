using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// simplejwt's <c>TokenRefreshView</c> (spec §3.2 "JWT"): <c>{"refresh"}</c> → <c>{"access"}</c>, plus a new
/// <c>"refresh"</c> with <c>Djoser:Jwt:RotateRefreshTokens</c>, the one given up blacklisted with
/// <c>BlacklistAfterRotation</c>. A bad, expired, wrong-type or blacklisted token is 401 <c>token_not_valid</c>; a
/// deleted or inactive user is 401 <c>no_active_account</c> (newer simplejwt 5.x; spec §3.2).
/// </summary>
internal sealed class JwtRefreshAction<TUser, TKey>(IDjoserJwtTokens<TUser> tokens, IDjoserJwtRevocations<TUser> revocations, IOptions<DjoserOptions> options)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var errors = new DjoserValidationErrors();
        var token = body.ReadString("refresh", DjoserFieldRules.Required, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var validation = await tokens.ValidateAsync(token.Value!, DjoserJwtTokenType.Refresh);
        if (!validation.IsValid)
        {
            return JwtResults.InvalidToken(request.Http, validation.Error);
        }

        var refresh = validation.Token;
        if (await revocations.IsRevokedAsync(refresh, request.Aborted))
        {
            return JwtResults.InvalidToken(request.Http, DjoserJwtMessages.TokenBlacklisted);
        }

        var user = refresh.UserId is { } userId ? await tokens.FindUserAsync(userId, request.Aborted) : null;
        if (user is not { EmailConfirmed: true })
        {
            return JwtResults.Unauthorized(request.Http, DjoserJwtMessages.NoActiveAccountForToken, DjoserJwtMessages.NoActiveAccountCode);
        }

        var jwt = options.Value.Jwt;
        var access = tokens.CreateAccessToken(user);
        DjoserJwtToken? rotated = null;
        if (jwt.RotateRefreshTokens)
        {
            // Of two refreshes racing with one token, the one whose blacklisting lost answers as if it came second.
            if (jwt.BlacklistAfterRotation && !await revocations.BlacklistAsync(refresh, request.Aborted))
            {
                return JwtResults.InvalidToken(request.Http, DjoserJwtMessages.TokenBlacklisted);
            }

            rotated = tokens.CreateRefreshToken(user);
        }

        return DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("access", access.Token);
            if (rotated is not null)
            {
                writer.WriteString("refresh", rotated.Token);
            }

            writer.WriteEndObject();
        });
    }
}
