using Djoser.Configuration;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// Logging out (spec §2.2 "/token/destroy/"): every auth token of the user is deleted, as djoser does. With
/// <c>Djoser:Token:PerDevice</c> only the token that authenticated the request is (a request authenticated another
/// way still deletes them all). Reads no body.
/// </summary>
internal sealed class TokenLogoutAction<TUser>(IDjoserAuthTokenStore<TUser> authTokens, IOptions<DjoserOptions> options) : IDjoserAction<TUser>
    where TUser : class
{
    public async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request)
    {
        if (options.Value.Token.PerDevice && request.Http.Features.Get<DjoserAuthTokenFeature>() is { } current)
        {
            await authTokens.DeleteAsync(request.Target!, current.TokenId, request.Aborted);
        }
        else
        {
            await authTokens.DeleteAllAsync(request.Target!, request.Aborted);
        }

        return DjoserResults.NoContent();
    }
}
