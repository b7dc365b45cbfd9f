using Djoser.Model;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints;

/// <summary>djoser's URL sets, one method per release layout.</summary>
internal static class DjoserRouteTable
{
    public const string RootName = "root";

    /// <summary>djoser 1.1: <c>djoser.urls.base</c> + <c>djoser.urls.authtoken</c> (spec §2.1), in djoser's order.</summary>
    public static IReadOnlyList<DjoserRoute<TUser>> V1<TUser, TRegister, TUpdate, TSetUsername, TResponse>(string usernameJsonName)
        where TUser : class
        where TRegister : class, IDjoserRegisterRequest<TRegister, TUser>
        where TUpdate : class, IDjoserUpdateRequest<TUpdate, TUser>
        where TSetUsername : class, IDjoserSetUsernameRequest<TSetUsername>
        where TResponse : class, IDjoserUserResponse<TResponse, TUser>
    {
        return
        [
            new("/", RootName, "djoser's URLs", false, new Dictionary<string, Func<HttpContext, IDjoserActions<TUser>, Task<IResult>>>()),
            new("/me/", "user", "Read or update the current user", true, new Dictionary<string, Func<HttpContext, IDjoserActions<TUser>, Task<IResult>>>
            {
                [HttpMethods.Get] = static (http, actions) => actions.GetMeAsync<TResponse>(http),
                [HttpMethods.Put] = static (http, actions) => actions.UpdateMeAsync<TUpdate, TResponse>(http, partial: false),
                [HttpMethods.Patch] = static (http, actions) => actions.UpdateMeAsync<TUpdate, TResponse>(http, partial: true),
            }),
            Post<TUser>("/users/create/", "user-create", "Register a user", false, static (http, actions) => actions.RegisterAsync<TRegister, TResponse>(http)),
            Post<TUser>("/users/delete/", "user-delete", "Delete the current user", true, static (http, actions) => actions.DeleteMeAsync(http)),
            Post<TUser>("/users/activate/", "user-activate", "Activate a user from the e-mailed uid and token", false, static (http, actions) => actions.ActivateAsync(http)),
            Post<TUser>($"/{usernameJsonName}/", "set_username", $"Change the current user's {usernameJsonName}", true, static (http, actions) => actions.SetUsernameAsync<TSetUsername>(http)),
            Post<TUser>("/password/", "set_password", "Change the current user's password", true, static (http, actions) => actions.SetPasswordAsync(http)),
            Post<TUser>("/password/reset/", "password_reset", "E-mail a password reset link", false, static (http, actions) => actions.ResetPasswordAsync(http)),
            Post<TUser>("/password/reset/confirm/", "password_reset_confirm", "Set a new password from the e-mailed uid and token", false, static (http, actions) => actions.ResetPasswordConfirmAsync(http)),
            Post<TUser>("/token/create/", "token-create", "Log in: get the user's auth token", false, static (http, actions) => actions.LoginAsync(http)),
            Post<TUser>("/token/destroy/", "token-destroy", "Log out: delete the user's auth token", true, static (http, actions) => actions.LogoutAsync(http)),
        ];
    }

    private static DjoserRoute<TUser> Post<TUser>(string path, string name, string summary, bool requiresUser, Func<HttpContext, IDjoserActions<TUser>, Task<IResult>> handler)
        where TUser : class =>
        new(path, name, summary, requiresUser, new Dictionary<string, Func<HttpContext, IDjoserActions<TUser>, Task<IResult>>> { [HttpMethods.Post] = handler });
}
