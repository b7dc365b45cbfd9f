using System.ComponentModel;
using Djoser.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Djoser.Endpoints;

/// <summary>Maps djoser's endpoints.</summary>
public static class DjoserEndpoints
{
    /// <summary>Maps the endpoints with the generated request and response types of <typeparamref name="TUser"/>. Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Map<TUser, TRegister, TUpdate, TSetUsername, TResponse>(IEndpointRouteBuilder endpoints)
        where TUser : class
        where TRegister : class, IDjoserRegisterRequest<TRegister, TUser>
        where TUpdate : class, IDjoserUpdateRequest<TUpdate, TUser>
        where TSetUsername : class, IDjoserSetUsernameRequest<TSetUsername>
        where TResponse : class, IDjoserUserResponse<TResponse, TUser>
    {
        throw new NotImplementedException();
    }
}
