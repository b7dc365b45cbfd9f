using Djoser.Authentication;
using Djoser.Authorization;
using Djoser.Data;
using Djoser.Errors;
using Djoser.Throttling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Djoser.Endpoints;

/// <summary>
/// DRF's dispatch for one djoser URL and method, as a plain request delegate: Django's <c>APPEND_SLASH</c>, then
/// authentication, then the view's permission, then the throttle, then the user acted on (with its object
/// permission), then the action (spec §1.5, §3.2, §12). Every answer is marked <c>Cache-Control: no-store</c> (and
/// HTTP/1.0's <c>Pragma: no-cache</c>): djoser's carry tokens, keys and users' data, which no browser or proxy may keep.
/// </summary>
/// <remarks>
/// The throttle (<c>Djoser:Throttling</c>) runs here, where DRF's <c>check_throttles</c> runs, rather than as ASP.NET
/// Core rate-limiting metadata: that would need the application's <c>UseRateLimiter()</c> and would run before
/// authentication. The per-username login count is the login actions' own, as only they read the body.
/// </remarks>
internal sealed class DjoserEndpointHandler<TUser>(
    DjoserAuthenticator<TUser> authenticator,
    IAuthorizationService authorization,
    DjoserThrottle throttle,
    AuthorizationPolicy policy,
    Layouts.DjoserTarget target,
    bool slashOptional,
    bool authenticates,
    Func<DjoserRequest<TUser>, Task<IResult>> run)
    where TUser : class
{
    public async Task HandleAsync(HttpContext http)
    {
        // Set first, so an action may still choose otherwise; RFC 9111 §5.2.2.5 and OWASP's REST guidance for
        // responses with credentials (issue 11).
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";

        // Every database command of this request is bounded by Djoser:Database:CommandTimeout (issue 11), and it costs
        // nothing until one is made: a request served from the token cache never touches the context.
        DjoserCommandTimeout.Enter();
        IResult result;
        try
        {
            result = await RunAsync(http);
        }
        catch (Exception exception) when (DjoserDatabaseFaults.Classify(exception) is var fault
            && fault is DjoserDatabaseFault.Unavailable or DjoserDatabaseFault.MissingSchema
            && !http.Response.HasStarted)
        {
            // One place for database faults (issue 11): a 503 the client may retry, never a 500 with a stack trace.
            // Nothing was half-saved: every multi-row change runs in one transaction, rolled back by the exception.
            var logger = http.RequestServices.GetRequiredService<ILogger<DjoserEndpointHandler<TUser>>>();
            if (fault == DjoserDatabaseFault.MissingSchema)
            {
                Data.Log.DatabaseNotMigrated(logger, exception, http.Request.Method, http.Request.Path.Value);
            }
            else
            {
                Data.Log.DatabaseUnavailable(logger, exception, http.Request.Method, http.Request.Path.Value);
            }

            result = DjoserResults.Detail(StatusCodes.Status503ServiceUnavailable, DjoserMessages.ServiceUnavailable);
        }

        await result.ExecuteAsync(http);
    }

    private async ValueTask<IResult> RunAsync(HttpContext http)
    {
        var request = http.Request;
        if (!slashOptional && request.Path.Value is { } path && !path.EndsWith('/'))
        {
            // Every djoser path ends in a slash; the slash-less one answers 301 to it, for POST too (spec §12).
            return Results.Redirect(request.PathBase + path + "/" + request.QueryString, permanent: true);
        }

        var authentication = authenticates ? await authenticator.AuthenticateAsync(http) : DjoserAuthentication<TUser>.None;
        if (authentication.Failure is not null)
        {
            return authentication.Failure;
        }

        var permission = await authorization.AuthorizeAsync(authentication.Principal, new DjoserPermissionResource(http, null), policy);
        if (!permission.Succeeded)
        {
            return authentication.User is null ? DjoserAuthenticationResults.NotAuthenticated() : DjoserAuthenticationResults.PermissionDenied();
        }

        // DRF's check_throttles, after authentication and permission and before the view. Applied here rather than as
        // ASP.NET Core rate-limiting metadata, so an application gets it without remembering UseRateLimiter(); the
        // group comes from the endpoint's djoser URL name (Throttling/DjoserThrottleGroups.cs).
        if (throttle.CheckAddress(http) is { } throttled)
        {
            return throttled;
        }

        var resolved = target == Layouts.DjoserTarget.CurrentUser ? authentication.User : null;
        if (target == Layouts.DjoserTarget.CurrentUser && resolved is null)
        {
            // An application may open a user's own endpoint to anyone; there is still nobody to act on.
            return DjoserAuthenticationResults.NotAuthenticated();
        }

        if (target == Layouts.DjoserTarget.UserById)
        {
            (resolved, var failure) = await http.RequestServices.GetRequiredService<IDjoserTargets<TUser>>()
                .FindByIdAsync(http, authentication.Principal, policy);
            if (failure is not null)
            {
                return failure;
            }
        }

        return await run(new DjoserRequest<TUser>(http, authentication.Principal, authentication.User, resolved));
    }
}
