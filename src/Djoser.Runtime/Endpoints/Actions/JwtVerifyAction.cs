using Djoser.Binding;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// simplejwt's <c>TokenVerifyView</c> (spec §3.2 "JWT"): <c>{"token"}</c> of either type → 200 <c>{}</c>; a bad or
/// expired one 401 <c>token_not_valid</c>; a blacklisted refresh token 400 <c>non_field_errors</c> "Token is
/// blacklisted", as simplejwt's verify serializer answers it.
/// </summary>
internal sealed class JwtVerifyAction<TUser>(DjoserJwtCodec codec, IDjoserJwtRevocations<TUser> revocations) : DjoserBodyAction<TUser>
    where TUser : class
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var errors = new DjoserValidationErrors();
        var token = body.ReadString("token", DjoserFieldRules.Required, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var validation = await codec.ValidateAsync(token.Value!, (DjoserJwtTokenType?)null);
        if (!validation.IsValid)
        {
            return JwtResults.InvalidToken(request.Http, validation.Error);
        }

        if (validation.Token.Type == DjoserJwtTokenType.Refresh && await revocations.IsRevokedAsync(validation.Token, request.Aborted))
        {
            return DjoserResults.NonFieldError(DjoserJwtMessages.TokenBlacklisted);
        }

        return DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        });
    }
}
