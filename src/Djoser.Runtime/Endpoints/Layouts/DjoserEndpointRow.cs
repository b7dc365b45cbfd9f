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
internal sealed record DjoserEndpointRow<TUser>(
    string Path,
    string UrlName,
    string Summary,
    DjoserPermission? Permission,
    IReadOnlyList<DjoserMethodRow<TUser>> Methods)
    where TUser : class;

/// <summary>One method of a djoser URL.</summary>
/// <param name="Method">The HTTP method; GET also serves HEAD.</param>
/// <param name="Action">Resolves the action from the request's services.</param>
/// <param name="ActsOnCurrentUser">Whether the action needs an authenticated user, whatever the permission says.</param>
/// <param name="Permission">The method's own permission, when it differs from the view's.</param>
internal sealed record DjoserMethodRow<TUser>(
    string Method,
    Func<IServiceProvider, IDjoserAction<TUser>> Action,
    bool ActsOnCurrentUser,
    DjoserPermission? Permission = null)
    where TUser : class;
