using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints.Actions;

/// <summary>Logging out: every auth token of the user is deleted (spec §2.2 "/token/destroy/"). Reads no body.</summary>
internal sealed class TokenLogoutAction<TUser>(IDjoserAuthTokenStore<TUser> authTokens) : IDjoserAction<TUser>
    where TUser : class
{
    public async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request)
    {
        await authTokens.DeleteAllAsync(request.Target!, request.Aborted);
        return DjoserResults.NoContent();
    }
}
