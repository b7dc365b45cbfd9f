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
internal sealed record DjoserEndpointRow<TUser>(
    string Path,
    string UrlName,
    string Summary,
    DjoserPermission? Permission,
    IReadOnlyList<DjoserMethodRow<TUser>> Methods,
    bool SlashOptional = false)
    where TUser : class;

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
internal sealed record DjoserMethodRow<TUser>(
    string Method,
    Func<IServiceProvider, IDjoserAction<TUser>> Action,
    DjoserTarget Target,
    DjoserPermission? Permission = null)
    where TUser : class;
