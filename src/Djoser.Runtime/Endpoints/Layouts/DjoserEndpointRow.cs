using Djoser.Authorization;

namespace Djoser.Endpoints.Layouts;

/// <summary>
/// One djoser URL of a layout: its path under the prefix, its URL name (Django's <c>name=</c>), a summary, the
/// permission its unmapped methods check, and the action of each method.
/// </summary>
/// <param name="Path">The path under the prefix, with djoser's trailing slash.</param>
/// <param name="UrlName">djoser's URL name, e.g. <c>user-create</c>.</param>
/// <param name="Summary">A short description for the OpenAPI document and OPTIONS.</param>
/// <param name="Permission">The permission of the view; <c>null</c> for DRF's default <c>AllowAny</c>.</param>
/// <param name="Methods">The methods the URL serves.</param>
/// <param name="SlashOptional">Whether the path is also served without its trailing slash (2.x's token URLs) instead of a 301.</param>
/// <param name="Module">The djoser URL module the row comes from (<c>djoser.urls</c>, <c>djoser.urls.authtoken</c>, <c>djoser.urls.jwt</c>).</param>
/// <param name="Authenticates">
/// Whether DRF's authentication runs before the action; the JWT library's views run none, so a bad
/// <c>Authorization</c> header sent to them is ignored (spec §3.2 "JWT").
/// </param>
/// <param name="Unanchored">Whether the Django pattern has no end anchor, so longer paths hit it too (djoser's jwt URLs).</param>
/// <param name="FormatSuffix">Whether DRF's router also serves the URL with a <c>.json</c> suffix (2.x's viewset URLs).</param>
internal sealed record DjoserEndpointRow<TUser>(
    string Path,
    string UrlName,
    string Summary,
    DjoserPermission? Permission,
    IReadOnlyList<DjoserMethodRow<TUser>> Methods,
    bool SlashOptional = false,
    DjoserUrlModule Module = DjoserUrlModule.Base,
    bool Authenticates = true,
    bool Unanchored = false,
    bool FormatSuffix = false)
    where TUser : class;

/// <summary>
/// djoser's URL modules, which a Django project includes or not: the base URLs always, the token URLs while a
/// token model exists (<c>Djoser:TokenModel</c>).
/// </summary>
internal enum DjoserUrlModule
{
    /// <summary><c>djoser.urls</c> (<c>djoser.urls.base</c> in 1.1).</summary>
    Base,

    /// <summary><c>djoser.urls.authtoken</c>: token login and logout.</summary>
    AuthToken,

    /// <summary><c>djoser.urls.jwt</c>: JWT create, refresh and verify; mounted when <c>Jwt</c> is one of <c>Djoser:AuthenticationSchemes</c>.</summary>
    Jwt,

    /// <summary>Beyond djoser: <c>/jwt/logout/</c>, mounted with <c>Jwt</c> and <c>Djoser:Jwt:LogoutEndpoint</c>.</summary>
    JwtLogout,

    /// <summary>Beyond djoser: the current user's tokens per device and "log out everywhere", mounted with <c>Djoser:Token:PerDevice</c>.</summary>
    AuthTokenDevices,

    /// <summary>Beyond djoser: confirming an e-mail change from the new address, mounted with <c>Djoser:Email:ConfirmEmailChange</c>.</summary>
    EmailChange,
}

/// <summary>Which user a method acts on, resolved before the action runs.</summary>
internal enum DjoserTarget
{
    /// <summary>No user object: the action works from the body (registration, resets, login).</summary>
    None,

    /// <summary>The authenticated user (<c>/me/</c>, set password, logout); anonymous is 401.</summary>
    CurrentUser,

    /// <summary>The user named by the <c>{id}</c> route value (2.x <c>/users/{id}/</c>), with the object permission check.</summary>
    UserById,
}

/// <summary>One method of a djoser URL.</summary>
/// <param name="Method">The HTTP method; GET also serves HEAD.</param>
/// <param name="Action">Resolves the action from the request's services.</param>
/// <param name="Target">The user the action acts on.</param>
/// <param name="Permission">The method's own permission, when it differs from the view's.</param>
/// <param name="Doc">What the method reads and answers, for the OpenAPI document; <c>null</c> describes a 200 without a body.</param>
internal sealed record DjoserMethodRow<TUser>(
    string Method,
    Func<IServiceProvider, IDjoserAction<TUser>> Action,
    DjoserTarget Target,
    DjoserPermission? Permission = null,
    DjoserMethodDoc? Doc = null)
    where TUser : class;

/// <summary>
/// What a method reads and answers on success: the "Request fields" and "Success" columns of the endpoint tables
/// (spec §2.1, §3.1, §11). Error responses follow from the row (permission, target) and are not listed here.
/// </summary>
/// <param name="Request">The body the method reads.</param>
/// <param name="Status">The success status.</param>
/// <param name="Response">The success body; <see cref="DjoserBody.None"/> for an empty one.</param>
/// <param name="NotFound">Whether the URL names an object that may not exist (404) other than a user by id.</param>
internal sealed record DjoserMethodDoc(DjoserBody Request, int Status, DjoserBody Response, bool NotFound = false)
{
    /// <summary>200 with <paramref name="response"/>.</summary>
    public static DjoserMethodDoc Ok(DjoserBody response, DjoserBody request = DjoserBody.None) => new(request, 200, response);

    /// <summary>201 with the created user object.</summary>
    public static DjoserMethodDoc Created(DjoserBody request) => new(request, 201, DjoserBody.User);

    /// <summary>204 with an empty body.</summary>
    public static DjoserMethodDoc NoContent(DjoserBody request = DjoserBody.None) => new(request, 204, DjoserBody.None);
}

/// <summary>The bodies djoser's endpoints read or write; the model's come from its generated payload types.</summary>
internal enum DjoserBody
{
    /// <summary>No body.</summary>
    None,

    /// <summary>The model's registration body.</summary>
    Register,

    /// <summary>The model's PUT body: the non-nullable fields required (DRF's <c>required=True</c>).</summary>
    Update,

    /// <summary>The model's PATCH body: the same fields, every one optional.</summary>
    PartialUpdate,

    /// <summary>The model's set-username body.</summary>
    SetUsername,

    /// <summary>The model's user object.</summary>
    User,

    /// <summary>A list of the model's user objects.</summary>
    Users,

    /// <summary>The API root: URL name → URL.</summary>
    Root,

    /// <summary><c>current_password</c> (deleting the current user).</summary>
    CurrentPassword,

    /// <summary><c>uid</c>, <c>token</c> (activation).</summary>
    UidToken,

    /// <summary><c>new_password</c>, <c>re_new_password</c>, <c>current_password</c>.</summary>
    SetPassword,

    /// <summary><c>email</c> (password or username reset, resend activation).</summary>
    Email,

    /// <summary><c>uid</c>, <c>token</c>, <c>new_password</c>, <c>re_new_password</c>.</summary>
    PasswordResetConfirm,

    /// <summary>The username field and <c>password</c>.</summary>
    Login,

    /// <summary><c>uid</c>, <c>token</c>, <c>new_{username}</c>, <c>re_new_{username}</c>.</summary>
    UsernameResetConfirm,

    /// <summary><c>{"auth_token": "…"}</c>.</summary>
    AuthToken,

    /// <summary>The username field (<c>USERNAME_FIELD</c>, never <c>LOGIN_FIELD</c>) and <c>password</c>: both JWT libraries' login.</summary>
    JwtLogin,

    /// <summary><c>{"token": "…"}</c>: drf-jwt's answers, and the body of both libraries' verify (and drf-jwt's refresh).</summary>
    JwtToken,

    /// <summary><c>{"refresh": "…"}</c>: simplejwt's refresh (and the opt-in logout).</summary>
    JwtRefresh,

    /// <summary><c>{"refresh": "…", "access": "…"}</c>: simplejwt's login.</summary>
    JwtPair,

    /// <summary><c>{"access": "…"}</c>, plus <c>"refresh"</c> when rotating: simplejwt's refresh.</summary>
    JwtAccess,

    /// <summary>A list of the current user's per-device tokens (beyond djoser).</summary>
    AuthTokenDevices,

    /// <summary><c>{}</c>: simplejwt's verify.</summary>
    EmptyObject,
}
