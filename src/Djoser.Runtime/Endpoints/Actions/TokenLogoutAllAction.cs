using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints.Actions;

/// <summary>Beyond djoser, with <c>Djoser:Token:PerDevice</c>: log out everywhere, deleting every auth token of the user. Reads no body.</summary>
internal sealed class TokenLogoutAllAction<TUser>(IDjoserAuthTokenStore<TUser> authTokens) : IDjoserAction<TUser>
    where TUser : class
{
    public async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request)
    {
        await authTokens.DeleteAllAsync(request.Target!, request.Aborted);
        return DjoserResults.NoContent();
    }
}
