using Djoser.Binding;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// Beyond djoser (<c>Djoser:Jwt:LogoutEndpoint</c>, djoser issue #712): logs a JWT session out by blacklisting its
/// refresh token, as simplejwt's own <c>TokenBlacklistView</c> does — <c>{"refresh"}</c> → 200 <c>{}</c>; a bad,
/// expired or wrong-type token 401 <c>token_not_valid</c>. The session's access token lives out its short lifetime.
/// </summary>
internal sealed class JwtLogoutAction<TUser>(IDjoserJwtTokens<TUser> tokens, IDjoserJwtRevocations<TUser> revocations) : DjoserBodyAction<TUser>
    where TUser : class
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

        if (await revocations.IsRevokedAsync(validation.Token, request.Aborted) || !await revocations.BlacklistAsync(validation.Token, request.Aborted))
        {
            return JwtResults.InvalidToken(request.Http, DjoserJwtMessages.TokenBlacklisted);
        }

        return DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        });
    }
}
