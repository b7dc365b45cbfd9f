using Djoser.Configuration;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Authorization;

/// <summary>
/// djoser's permission classes as ASP.NET Core authorization policies. A configured value that names one of them
/// (<c>CurrentUserOrAdmin</c>) maps to the policy <c>Djoser.CurrentUserOrAdmin</c>; any other value is an
/// application policy's name.
/// </summary>
public static class DjoserPolicies
{
    /// <summary>DRF's <c>AllowAny</c>.</summary>
    public const string AllowAny = "AllowAny";

    /// <summary>DRF's <c>IsAuthenticated</c>.</summary>
    public const string IsAuthenticated = "IsAuthenticated";

    /// <summary>DRF's <c>IsAdminUser</c>: <c>is_staff</c>, i.e. the role <c>Djoser:StaffRole</c>.</summary>
    public const string IsAdminUser = "IsAdminUser";

    /// <summary>djoser's <c>CurrentUserOrAdmin</c>: authenticated; on a user object, that user or staff.</summary>
    public const string CurrentUserOrAdmin = "CurrentUserOrAdmin";

    /// <summary>djoser's <c>CurrentUserOrAdminOrReadOnly</c>: authenticated; anyone may read, only that user or staff may write.</summary>
    public const string CurrentUserOrAdminOrReadOnly = "CurrentUserOrAdminOrReadOnly";

    private const string Prefix = "Djoser.";

    private static readonly string[] BuiltIn = [AllowAny, IsAuthenticated, IsAdminUser, CurrentUserOrAdmin, CurrentUserOrAdminOrReadOnly];

    /// <summary>The policy name behind a configured permission value.</summary>
    public static string PolicyName(string configured) =>
        BuiltIn.Contains(configured, StringComparer.Ordinal) ? Prefix + configured : configured;

    /// <summary>Adds the five policies.</summary>
    internal static void Add(IServiceCollection services)
    {
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<DjoserOptions>>((authorization, djoser) =>
        {
            var staff = djoser.Value.StaffRole;
            authorization.AddPolicy(Prefix + AllowAny, policy => policy.RequireAssertion(static _ => true));
            authorization.AddPolicy(Prefix + IsAuthenticated, policy => policy.RequireAuthenticatedUser());
            authorization.AddPolicy(Prefix + IsAdminUser, policy => policy.RequireAuthenticatedUser().AddRequirements(new DjoserStaffRequirement(staff)));
            authorization.AddPolicy(Prefix + CurrentUserOrAdmin, policy => policy.RequireAuthenticatedUser()
                .AddRequirements(new DjoserCurrentUserOrAdminRequirement(staff, ReadOnlyForOthers: false)));
            authorization.AddPolicy(Prefix + CurrentUserOrAdminOrReadOnly, policy => policy.RequireAuthenticatedUser()
                .AddRequirements(new DjoserCurrentUserOrAdminRequirement(staff, ReadOnlyForOthers: true)));
        });
    }
}

/// <summary>
/// What a permission is checked against (DRF's <c>has_permission</c> / <c>has_object_permission</c>): the request,
/// and for endpoints on one user object, that user's id.
/// </summary>
/// <param name="Http">The request.</param>
/// <param name="TargetUserId">The id of the user object acted on, or <c>null</c> for views without one.</param>
public sealed record DjoserPermissionResource(HttpContext Http, string? TargetUserId);

/// <summary>
/// djoser's <c>CurrentUserOrAdmin</c> object check. The requirement is its own handler, as ASP.NET Core's
/// <c>RequireAuthenticatedUser</c> is: the framework's pass-through handler runs it, so a policy costs no handler of
/// its own on every request (issue 13), and an application's handlers still run beside it.
/// </summary>
/// <param name="StaffRole">The role that is <c>is_staff</c>.</param>
/// <param name="ReadOnlyForOthers">Whether safe methods are allowed on other users (<c>…OrReadOnly</c>).</param>
public sealed record DjoserCurrentUserOrAdminRequirement(string StaffRole, bool ReadOnlyForOthers) : IAuthorizationRequirement, IAuthorizationHandler
{
    /// <inheritdoc/>
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        // Without a user object only has_permission applies: authentication, which the policy already requires.
        if (context.Resource is not DjoserPermissionResource { TargetUserId: { } target } resource
            || string.Equals(context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value, target, StringComparison.Ordinal)
            || (ReadOnlyForOthers && IsSafe(resource.Http.Request.Method))
            || await DjoserStaffRequirement.IsStaffAsync(context, StaffRole))
        {
            context.Succeed(this);
        }
    }

    // DRF's SAFE_METHODS.
    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}

/// <summary>DRF's <c>IsAdminUser</c>: the user is staff. Its own handler, as <see cref="DjoserCurrentUserOrAdminRequirement"/> is.</summary>
/// <param name="StaffRole">The role that is <c>is_staff</c>.</param>
public sealed record DjoserStaffRequirement(string StaffRole) : IAuthorizationRequirement, IAuthorizationHandler
{
    /// <inheritdoc/>
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (await IsStaffAsync(context, StaffRole))
        {
            context.Succeed(this);
        }
    }

    /// <summary>
    /// Whether the principal is staff: a role claim, or, for a user a djoser scheme authenticated, Identity's role
    /// store — asked only here, when a decision depends on it, so the authenticated hot path never loads roles.
    /// </summary>
    internal static async Task<bool> IsStaffAsync(AuthorizationHandlerContext context, string staffRole) =>
        context.User.IsInRole(staffRole)
        || (context.Resource is DjoserPermissionResource { Http: var http }
            && http.RequestServices.GetService<IDjoserStaff>() is { } staff
            && await staff.IsStaffAsync(http, staffRole));
}

/// <summary>Whether the request's djoser-authenticated user has the staff role in Identity's role store.</summary>
internal interface IDjoserStaff
{
    Task<bool> IsStaffAsync(HttpContext http, string staffRole);
}
