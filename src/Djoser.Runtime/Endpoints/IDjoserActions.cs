using Djoser.Model;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints;

/// <summary>
/// djoser's views as request handlers, generic over the user model and its generated payload types. Every handler
/// authenticates first (an invalid token is 401 even where no login is needed, spec §1.5), reads the body, validates
/// in DRF's order and answers in DRF's shapes.
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
public interface IDjoserActions<TUser>
    where TUser : class
{
    /// <summary>Authenticates the request; an anonymous request yields <c>(null, null)</c>, a bad token a 401 result.</summary>
    Task<(TUser? User, IResult? Failure)> AuthenticateAsync(HttpContext httpContext);

    /// <summary>POST <c>/users/create/</c>.</summary>
    Task<IResult> RegisterAsync<TRegister, TResponse>(HttpContext httpContext)
        where TRegister : class, IDjoserRegisterRequest<TRegister, TUser>
        where TResponse : class, IDjoserUserResponse<TResponse, TUser>;

    /// <summary>GET <c>/me/</c>.</summary>
    Task<IResult> GetMeAsync<TResponse>(HttpContext httpContext)
        where TResponse : class, IDjoserUserResponse<TResponse, TUser>;

    /// <summary>PUT (<paramref name="partial"/> false) or PATCH <c>/me/</c>.</summary>
    Task<IResult> UpdateMeAsync<TUpdate, TResponse>(HttpContext httpContext, bool partial)
        where TUpdate : class, IDjoserUpdateRequest<TUpdate, TUser>
        where TResponse : class, IDjoserUserResponse<TResponse, TUser>;

    /// <summary>POST <c>/users/delete/</c>.</summary>
    Task<IResult> DeleteMeAsync(HttpContext httpContext);

    /// <summary>POST <c>/users/activate/</c>.</summary>
    Task<IResult> ActivateAsync(HttpContext httpContext);

    /// <summary>POST <c>/&lt;username&gt;/</c>.</summary>
    Task<IResult> SetUsernameAsync<TSetUsername>(HttpContext httpContext)
        where TSetUsername : class, IDjoserSetUsernameRequest<TSetUsername>;

    /// <summary>POST <c>/password/</c>.</summary>
    Task<IResult> SetPasswordAsync(HttpContext httpContext);

    /// <summary>POST <c>/password/reset/</c>.</summary>
    Task<IResult> ResetPasswordAsync(HttpContext httpContext);

    /// <summary>POST <c>/password/reset/confirm/</c>.</summary>
    Task<IResult> ResetPasswordConfirmAsync(HttpContext httpContext);

    /// <summary>POST <c>/token/create/</c>.</summary>
    Task<IResult> LoginAsync(HttpContext httpContext);

    /// <summary>POST <c>/token/destroy/</c>.</summary>
    Task<IResult> LogoutAsync(HttpContext httpContext);
}
