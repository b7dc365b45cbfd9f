using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// Beyond djoser, with <c>Djoser:Token:PerDevice</c>: revoke one of the current user's auth tokens by its id (204).
/// An id that is malformed, unknown or another user's is DRF's 404, so other users' token ids cannot be probed.
/// </summary>
internal sealed class TokenRevokeAction<TUser>(IDjoserAuthTokenStore<TUser> authTokens) : IDjoserAction<TUser>
    where TUser : class
{
    /// <summary>The route value naming the token.</summary>
    public const string IdRouteValue = "id";

    public async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request)
    {
        var revoked = request.Http.Request.RouteValues[IdRouteValue] is string text
            && Guid.TryParse(text, out var id)
            && await authTokens.DeleteAsync(request.Target!, id, request.Aborted);
        return revoked ? DjoserResults.NoContent() : DjoserResults.Detail(StatusCodes.Status404NotFound, DjoserMessages.NotFound);
    }
}
