using Djoser.Binding;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// Beyond djoser, with <c>Djoser:Token:PerDevice</c>: the current user's live auth tokens, newest first, as
/// <c>[{"id", "device", "created", "last_used", "expires", "current"}]</c>. Never a key or a hash.
/// </summary>
internal sealed class TokenDevicesAction<TUser>(IDjoserAuthTokenStore<TUser> authTokens) : IDjoserAction<TUser>
    where TUser : class
{
    public async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request)
    {
        var tokens = await authTokens.ListAsync(request.Target!, request.Aborted);
        var current = request.Http.Features.Get<DjoserAuthTokenFeature>()?.TokenId;
        return DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray();
            foreach (var token in tokens)
            {
                writer.WriteStartObject();
                writer.WriteString("id", token.Id);
                writer.WriteString("device", token.Device);
                writer.WritePropertyName("created");
                DjoserValueConverters.DateTimeOffset.Write(writer, token.Created);
                writer.WritePropertyName("last_used");
                DjoserValueConverters.DateTimeOffset.Write(writer, token.LastUsed);
                writer.WritePropertyName("expires");
                if (token.ExpiresAt is { } expires)
                {
                    DjoserValueConverters.DateTimeOffset.Write(writer, expires);
                }
                else
                {
                    writer.WriteNullValue();
                }

                writer.WriteBoolean("current", token.Id == current);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }
}
