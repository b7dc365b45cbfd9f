using Djoser.Authorization;
using Djoser.Configuration;
using Djoser.Endpoints.Actions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Endpoints.Layouts;

/// <summary>djoser's URL sets as data: one table per release, in djoser's order. The mapper reads nothing else.</summary>
internal static class DjoserLayouts<TUser, TKey>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    public static IReadOnlyList<DjoserEndpointRow<TUser>> For(DjoserUrlLayout layout, string usernameField) => layout switch
    {
        DjoserUrlLayout.V05 => V05(usernameField),
        DjoserUrlLayout.V1 => V1(usernameField),
        DjoserUrlLayout.V2 => V2(usernameField),
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "No route table is defined for this layout."),
    };

    /// <summary>djoser 1.1: <c>djoser.urls.base</c> + <c>djoser.urls.authtoken</c> (spec §2.1).</summary>
    private static List<DjoserEndpointRow<TUser>> V1(string usernameField)
    {
        var rows = new List<DjoserEndpointRow<TUser>>();
        rows.Add(new("/", "root", "djoser's URLs", null, [new(HttpMethods.Get, _ => new RootAction<TUser>(rows), DjoserTarget.None, Doc: RootDoc)]));
        rows.Add(new("/me/", "user", "Read or update the current user", DjoserPermission.User,
        [
            new(HttpMethods.Get, Resolve<ShowUserAction<TUser>>, DjoserTarget.CurrentUser, Doc: ShowDoc),
            new(HttpMethods.Put, Resolve<UpdateUserAction<TUser, TKey>>, DjoserTarget.CurrentUser, Doc: UpdateDoc),
            new(HttpMethods.Patch, Resolve<UpdateUserAction<TUser, TKey>>, DjoserTarget.CurrentUser, Doc: PartialUpdateDoc),
        ]));
        rows.Add(Post("/users/create/", "user-create", "Register a user", DjoserPermission.UserCreate, Resolve<RegisterAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.Created(DjoserBody.Register)));
        rows.Add(Post("/users/delete/", "user-delete", "Delete the current user", DjoserPermission.UserDelete, Resolve<DeleteUserAction<TUser, TKey>>, DjoserTarget.CurrentUser, DeleteDoc));
        rows.Add(Post("/users/activate/", "user-activate", "Activate a user from the e-mailed uid and token", DjoserPermission.Activation, Resolve<ActivateAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.UidToken)));
        rows.Add(Post($"/{usernameField}/", "set_username", $"Change the current user's {usernameField}", DjoserPermission.SetUsername, Resolve<SetUsernameAction<TUser, TKey>>, DjoserTarget.CurrentUser, DjoserMethodDoc.NoContent(DjoserBody.SetUsername)));
        rows.Add(Post("/password/", "set_password", "Change the current user's password", DjoserPermission.SetPassword, Resolve<SetPasswordAction<TUser, TKey>>, DjoserTarget.CurrentUser, DjoserMethodDoc.NoContent(DjoserBody.SetPassword)));
        rows.Add(Post("/password/reset/", "password_reset", "E-mail a password reset link", DjoserPermission.PasswordReset, Resolve<ResetPasswordAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.Email)));
        rows.Add(Post("/password/reset/confirm/", "password_reset_confirm", "Set a new password from the e-mailed uid and token", DjoserPermission.PasswordResetConfirm, Resolve<ResetPasswordConfirmAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.PasswordResetConfirm)));
        rows.Add(Post("/token/create/", "token-create", "Log in: get the user's auth token", DjoserPermission.TokenCreate, Resolve<TokenLoginAction<TUser, TKey>>, DjoserTarget.None, LoginDoc) with { Module = DjoserUrlModule.AuthToken });
        rows.Add(Post("/token/destroy/", "token-destroy", "Log out: delete the user's auth token", DjoserPermission.TokenDestroy, Resolve<TokenLogoutAction<TUser>>, DjoserTarget.CurrentUser, DjoserMethodDoc.NoContent()) with { Module = DjoserUrlModule.AuthToken });
        // Beyond djoser, with Djoser:Token:PerDevice: the user's tokens and logging out everywhere, beside the token URLs.
        rows.Add(Post("/token/destroy/all/", "token-destroy-all", LogoutAllSummary, DjoserPermission.TokenDestroy, Resolve<TokenLogoutAllAction<TUser>>, DjoserTarget.CurrentUser, DjoserMethodDoc.NoContent()) with { Module = DjoserUrlModule.AuthTokenDevices });
        rows.AddRange(DeviceRows(slashOptional: false));
        rows.Add(EmailChangeConfirm("/email/confirm/", "email_change_confirm"));
        // djoser.urls.jwt over djangorestframework-jwt 1.11 (spec §2.1).
        rows.Add(Jwt("/jwt/create/", "jwt-create", "Log in: get a JWT", Resolve<JwtDrfCreateAction<TUser, TKey>>, DjoserMethodDoc.Ok(DjoserBody.JwtToken, DjoserBody.JwtLogin)));
        rows.Add(Jwt("/jwt/refresh/", "jwt-refresh", "Get a new JWT for a valid one within the refresh window", services => ActivatorUtilities.CreateInstance<JwtDrfCheckAction<TUser, TKey>>(services, true), JwtTokenDoc));
        rows.Add(Jwt("/jwt/verify/", "jwt-verify", "Check a JWT", services => ActivatorUtilities.CreateInstance<JwtDrfCheckAction<TUser, TKey>>(services, false), JwtTokenDoc));
        return rows;
    }

    /// <summary>
    /// djoser 2.3.4: the <c>users</c> viewset of <c>djoser.urls</c> + <c>djoser.urls.authtoken</c> (spec §3.1). On the
    /// viewset's URLs a method without an action checks the <c>user</c> permission (spec §3 "Routing facts").
    /// </summary>
    private static List<DjoserEndpointRow<TUser>> V2(string usernameField)
    {
        var rows = new List<DjoserEndpointRow<TUser>>();
        rows.Add(new("/", "api-root", "djoser's URLs", null, [new(HttpMethods.Get, _ => new RootAction<TUser>(UsersRoot), DjoserTarget.None, Doc: RootDoc)]));
        rows.Add(new("/users/", "user-list", "List users, or register one", DjoserPermission.User,
        [
            new(HttpMethods.Get, Resolve<ListUsersAction<TUser, TKey>>, DjoserTarget.CurrentUser, DjoserPermission.UserList, DjoserMethodDoc.Ok(DjoserBody.Users)),
            new(HttpMethods.Post, Resolve<RegisterAction<TUser, TKey>>, DjoserTarget.None, DjoserPermission.UserCreate, DjoserMethodDoc.Created(DjoserBody.Register)),
        ]));
        rows.Add(new("/users/me/", "user-me", "Read, update or delete the current user", DjoserPermission.User,
        [
            new(HttpMethods.Get, Resolve<ShowUserAction<TUser>>, DjoserTarget.CurrentUser, Doc: ShowDoc),
            new(HttpMethods.Put, Resolve<UpdateUserAction<TUser, TKey>>, DjoserTarget.CurrentUser, Doc: UpdateDoc),
            new(HttpMethods.Patch, Resolve<UpdateUserAction<TUser, TKey>>, DjoserTarget.CurrentUser, Doc: PartialUpdateDoc),
            new(HttpMethods.Delete, Resolve<DeleteUserAction<TUser, TKey>>, DjoserTarget.CurrentUser, DjoserPermission.UserDelete, DeleteDoc),
        ]));
        rows.Add(ViewsetPost("/users/activation/", "user-activation", "Activate a user from the e-mailed uid and token", DjoserPermission.Activation, Resolve<ActivateAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.UidToken)));
        rows.Add(ViewsetPost("/users/resend_activation/", "user-resend-activation", "E-mail the activation link again", DjoserPermission.PasswordReset, Resolve<ResendActivationAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.Email)));
        rows.Add(ViewsetPost("/users/set_password/", "user-set-password", "Change the current user's password", DjoserPermission.SetPassword, Resolve<SetPasswordAction<TUser, TKey>>, DjoserTarget.CurrentUser, DjoserMethodDoc.NoContent(DjoserBody.SetPassword)));
        rows.Add(ViewsetPost("/users/reset_password/", "user-reset-password", "E-mail a password reset link", DjoserPermission.PasswordReset, Resolve<ResetPasswordAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.Email)));
        rows.Add(ViewsetPost("/users/reset_password_confirm/", "user-reset-password-confirm", "Set a new password from the e-mailed uid and token", DjoserPermission.PasswordResetConfirm, Resolve<ResetPasswordConfirmAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.PasswordResetConfirm)));
        rows.Add(ViewsetPost($"/users/set_{usernameField}/", $"user-set-{usernameField}", $"Change the current user's {usernameField}", DjoserPermission.SetUsername, Resolve<SetUsernameAction<TUser, TKey>>, DjoserTarget.CurrentUser, DjoserMethodDoc.NoContent(DjoserBody.SetUsername)));
        rows.Add(ViewsetPost($"/users/reset_{usernameField}/", $"user-reset-{usernameField}", $"E-mail a {usernameField} reset link", DjoserPermission.UsernameReset, Resolve<ResetUsernameAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.Email)));
        rows.Add(ViewsetPost("/users/email_change_confirm/", "user-email-change-confirm", EmailChangeConfirmSummary, DjoserPermission.EmailChangeConfirm, Resolve<ConfirmEmailChangeAction<TUser, TKey>>, DjoserTarget.None, EmailChangeConfirmDoc) with { Module = DjoserUrlModule.EmailChange });
        rows.Add(ViewsetPost($"/users/reset_{usernameField}_confirm/", $"user-reset-{usernameField}-confirm", $"Set a new {usernameField} from the e-mailed uid and token", DjoserPermission.UsernameResetConfirm, Resolve<ResetUsernameConfirmAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.UsernameResetConfirm)));
        rows.Add(new("/users/{id}/", "user-detail", "Read, update or delete a user", DjoserPermission.User,
        [
            new(HttpMethods.Get, Resolve<ShowUserAction<TUser>>, DjoserTarget.UserById, Doc: ShowDoc),
            new(HttpMethods.Put, Resolve<UpdateUserAction<TUser, TKey>>, DjoserTarget.UserById, Doc: UpdateDoc),
            new(HttpMethods.Patch, Resolve<UpdateUserAction<TUser, TKey>>, DjoserTarget.UserById, Doc: PartialUpdateDoc),
            new(HttpMethods.Delete, Resolve<DeleteUserAction<TUser, TKey>>, DjoserTarget.UserById, DjoserPermission.UserDelete, DeleteDoc),
        ]));
        rows.Add(new("/token/login/", "login", "Log in: get the user's auth token", DjoserPermission.TokenCreate,
            [new(HttpMethods.Post, Resolve<TokenLoginAction<TUser, TKey>>, DjoserTarget.None, Doc: LoginDoc)], SlashOptional: true, Module: DjoserUrlModule.AuthToken));
        rows.Add(new("/token/logout/", "logout", "Log out: delete the user's auth tokens", DjoserPermission.TokenDestroy,
            [new(HttpMethods.Post, Resolve<TokenLogoutAction<TUser>>, DjoserTarget.CurrentUser, Doc: DjoserMethodDoc.NoContent())], SlashOptional: true, Module: DjoserUrlModule.AuthToken));
        rows.Add(new("/token/logout/all/", "logout-all", LogoutAllSummary, DjoserPermission.TokenDestroy,
            [new(HttpMethods.Post, Resolve<TokenLogoutAllAction<TUser>>, DjoserTarget.CurrentUser, Doc: DjoserMethodDoc.NoContent())], SlashOptional: true, Module: DjoserUrlModule.AuthTokenDevices));
        rows.AddRange(DeviceRows(slashOptional: true));
        // djoser.urls.jwt over simplejwt 5.x (spec §3.1), and the opt-in logout that blacklists a refresh token.
        rows.Add(Jwt("/jwt/create/", "jwt-create", "Log in: get a refresh and an access JWT", Resolve<JwtCreateAction<TUser, TKey>>, DjoserMethodDoc.Ok(DjoserBody.JwtPair, DjoserBody.JwtLogin)));
        rows.Add(Jwt("/jwt/refresh/", "jwt-refresh", "Get a new access JWT for a refresh JWT", Resolve<JwtRefreshAction<TUser, TKey>>, DjoserMethodDoc.Ok(DjoserBody.JwtAccess, DjoserBody.JwtRefresh)));
        rows.Add(Jwt("/jwt/verify/", "jwt-verify", "Check a JWT of either type", Resolve<JwtVerifyAction<TUser>>, DjoserMethodDoc.Ok(DjoserBody.EmptyObject, DjoserBody.JwtToken)));
        rows.Add(Jwt("/jwt/logout/", "jwt-logout", "Log a JWT session out: blacklist its refresh JWT", Resolve<JwtLogoutAction<TUser>>, DjoserMethodDoc.Ok(DjoserBody.EmptyObject, DjoserBody.JwtRefresh)) with { Module = DjoserUrlModule.JwtLogout, Unanchored = false });
        // The router's URLs (not the token module's) have format-suffix twins.
        return rows.Select(row => row.Module == DjoserUrlModule.Base ? row with { FormatSuffix = true } : row).ToList();
    }

    // The router's API root names the registered viewset, not its URLs.
    private static readonly DjoserEndpointRow<TUser>[] UsersRoot = [new("/users/", "users", "The users viewset", DjoserPermission.User, [])];

    /// <summary>A viewset action: POST with its own permission; the URL's other methods check <c>user</c>.</summary>
    private static DjoserEndpointRow<TUser> ViewsetPost(string path, string urlName, string summary, DjoserPermission permission, Func<IServiceProvider, IDjoserAction<TUser>> action, DjoserTarget target, DjoserMethodDoc doc) =>
        new(path, urlName, summary, DjoserPermission.User, [new(HttpMethods.Post, action, target, permission, doc)]);

    /// <summary>djoser 0.5.3's <c>djoser.urls</c> + <c>djoser.urls.authtoken</c> (spec §11); no API root.</summary>
    private static List<DjoserEndpointRow<TUser>> V05(string usernameField) =>
    [
        new("/me/", "user", "Read or replace the current user", DjoserPermission.User,
        [
            new(HttpMethods.Get, Resolve<ShowUserAction<TUser>>, DjoserTarget.CurrentUser, Doc: ShowDoc),
            new(HttpMethods.Put, Resolve<UpdateUserAction<TUser, TKey>>, DjoserTarget.CurrentUser, Doc: UpdateDoc),
        ]),
        Post("/register/", "register", "Register a user", DjoserPermission.UserCreate, Resolve<RegisterAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.Created(DjoserBody.Register)),
        Post("/login/", "login", "Log in: get the user's auth token", DjoserPermission.TokenCreate, Resolve<TokenLoginAction<TUser, TKey>>, DjoserTarget.None, LoginDoc) with { Module = DjoserUrlModule.AuthToken },
        Post("/logout/", "logout", "Log out: delete the user's auth token", DjoserPermission.TokenDestroy, Resolve<TokenLogoutAction<TUser>>, DjoserTarget.CurrentUser, DjoserMethodDoc.NoContent()) with { Module = DjoserUrlModule.AuthToken },
        Post("/activate/", "activate", "Activate a user from the e-mailed uid and token", DjoserPermission.Activation, Resolve<ActivateAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.UidToken)),
        Post($"/{usernameField}/", "set_username", $"Change the current user's {usernameField}", DjoserPermission.SetUsername, Resolve<SetUsernameAction<TUser, TKey>>, DjoserTarget.CurrentUser, DjoserMethodDoc.NoContent(DjoserBody.SetUsername)),
        Post("/password/", "set_password", "Change the current user's password", DjoserPermission.SetPassword, Resolve<SetPasswordAction<TUser, TKey>>, DjoserTarget.CurrentUser, DjoserMethodDoc.NoContent(DjoserBody.SetPassword)),
        Post("/password/reset/", "password_reset", "E-mail a password reset link", DjoserPermission.PasswordReset, Resolve<ResetPasswordAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.Email)),
        Post("/password/reset/confirm/", "password_reset_confirm", "Set a new password from the e-mailed uid and token", DjoserPermission.PasswordResetConfirm, Resolve<ResetPasswordConfirmAction<TUser, TKey>>, DjoserTarget.None, DjoserMethodDoc.NoContent(DjoserBody.PasswordResetConfirm)),
    ];

    private const string LogoutAllSummary = "Log out everywhere: delete all the user's auth tokens";

    /// <summary>Beyond djoser, with <c>Djoser:Token:PerDevice</c>: list the current user's tokens, revoke one.</summary>
    private static DjoserEndpointRow<TUser>[] DeviceRows(bool slashOptional) =>
    [
        new("/token/devices/", "token-devices", "List the current user's auth tokens, one per device", DjoserPermission.TokenDevices,
            [new(HttpMethods.Get, Resolve<TokenDevicesAction<TUser>>, DjoserTarget.CurrentUser, Doc: DjoserMethodDoc.Ok(DjoserBody.AuthTokenDevices))],
            SlashOptional: slashOptional, Module: DjoserUrlModule.AuthTokenDevices),
        new($"/token/devices/{{{TokenRevokeAction<TUser>.IdRouteValue}}}/", "token-device", "Revoke one of the current user's auth tokens", DjoserPermission.TokenDevices,
            [new(HttpMethods.Delete, Resolve<TokenRevokeAction<TUser>>, DjoserTarget.CurrentUser, Doc: DjoserMethodDoc.NoContent() with { NotFound = true })],
            SlashOptional: slashOptional, Module: DjoserUrlModule.AuthTokenDevices),
    ];

    /// <summary>Beyond djoser, with <c>Djoser:Email:ConfirmEmailChange</c>: the new address's link makes the e-mail change.</summary>
    private static DjoserEndpointRow<TUser> EmailChangeConfirm(string path, string urlName) =>
        Post(path, urlName, EmailChangeConfirmSummary, DjoserPermission.EmailChangeConfirm, Resolve<ConfirmEmailChangeAction<TUser, TKey>>, DjoserTarget.None, EmailChangeConfirmDoc)
            with { Module = DjoserUrlModule.EmailChange };

    private static readonly DjoserMethodDoc EmailChangeConfirmDoc = DjoserMethodDoc.NoContent(DjoserBody.UidToken);

    private const string EmailChangeConfirmSummary = "Change the e-mail to the new address from the e-mailed uid and token";

    private static DjoserEndpointRow<TUser> Post(string path, string urlName, string summary, DjoserPermission permission, Func<IServiceProvider, IDjoserAction<TUser>> action, DjoserTarget target, DjoserMethodDoc doc) =>
        new(path, urlName, summary, permission, [new(HttpMethods.Post, action, target, Doc: doc)]);

    // A view of the JWT library: AllowAny, no authentication, no user object; djoser's patterns have no end anchor,
    // so the slash-less path and longer ones are served too (spec §3 "Routing facts").
    private static DjoserEndpointRow<TUser> Jwt(string path, string urlName, string summary, Func<IServiceProvider, IDjoserAction<TUser>> action, DjoserMethodDoc doc) =>
        new(path, urlName, summary, null, [new(HttpMethods.Post, action, DjoserTarget.None, Doc: doc)], SlashOptional: true, Module: DjoserUrlModule.Jwt, Authenticates: false, Unanchored: true);

    private static readonly DjoserMethodDoc JwtTokenDoc = DjoserMethodDoc.Ok(DjoserBody.JwtToken, DjoserBody.JwtToken);

    // The descriptors several rows share (spec §2.1, §3.1, §11: "Request fields" and "Success").
    private static readonly DjoserMethodDoc RootDoc = DjoserMethodDoc.Ok(DjoserBody.Root);
    private static readonly DjoserMethodDoc ShowDoc = DjoserMethodDoc.Ok(DjoserBody.User);
    private static readonly DjoserMethodDoc UpdateDoc = DjoserMethodDoc.Ok(DjoserBody.User, DjoserBody.Update);
    private static readonly DjoserMethodDoc PartialUpdateDoc = DjoserMethodDoc.Ok(DjoserBody.User, DjoserBody.PartialUpdate);
    private static readonly DjoserMethodDoc DeleteDoc = DjoserMethodDoc.NoContent(DjoserBody.CurrentPassword);
    private static readonly DjoserMethodDoc LoginDoc = DjoserMethodDoc.Ok(DjoserBody.AuthToken, DjoserBody.Login);

    private static IDjoserAction<TUser> Resolve<TAction>(IServiceProvider services)
        where TAction : IDjoserAction<TUser> => services.GetRequiredService<TAction>();
}
