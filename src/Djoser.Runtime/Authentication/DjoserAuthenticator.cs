using System.Security.Claims;
using Djoser.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Authentication;

/// <summary>The outcome of authenticating a request: a principal (maybe anonymous) and its user, or the 401 to send.</summary>
internal readonly record struct DjoserAuthentication<TUser>(ClaimsPrincipal Principal, TUser? User, IResult? Failure)
    where TUser : class
{
    /// <summary>An anonymous request that was not authenticated at all (a view with no authentication classes).</summary>
    public static DjoserAuthentication<TUser> None { get; } = new(new ClaimsPrincipal(new ClaimsIdentity()), null, null);
}

/// <summary>
/// DRF's <c>perform_authentication</c> over ASP.NET Core schemes: the configured schemes in order; the first that
/// recognises the header decides — success, or a 401 with its message — and a header none recognises leaves the
/// request anonymous (spec §1.5).
/// </summary>
/// <remarks>
/// Each scheme runs as <c>http.AuthenticateAsync(scheme)</c> would run it — the scheme's handler from
/// <see cref="IAuthenticationHandlerProvider"/> (so its options and events apply, and a result the request already
/// has is reused), then the application's <see cref="IClaimsTransformation"/> — but without
/// <see cref="IAuthenticationService"/> in between: on the authenticated hot path (issue 13) its per-request service
/// and its cache of transformed principals cost more than the cached token lookup itself. For the same reason the
/// steps are value tasks: a request served from the token cache completes them without a task allocated for each.
/// </remarks>
internal sealed class DjoserAuthenticator<TUser>(DjoserSchemeList schemes)
    where TUser : class
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public async ValueTask<DjoserAuthentication<TUser>> AuthenticateAsync(HttpContext http)
    {
        var handlers = http.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        foreach (var scheme in schemes.Schemes)
        {
            var result = await AuthenticateAsync(http, handlers, scheme.Scheme);
            if (result.Failure is not null)
            {
                if (Data.DjoserDatabaseFaults.IsUnavailable(result.Failure))
                {
                    // ASP.NET Core turns a handler's exception into a failure; a database that cannot answer is the
                    // endpoint handler's 503, not a 401 telling the client its credentials are wrong (issue 11).
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(result.Failure);
                }

                // A scheme with a richer DRF body than {"detail"} (simplejwt's "code" and "messages") hands it over whole.
                var failure = result.Failure is DjoserAuthenticationFailure body
                    ? DjoserAuthenticationResults.Unauthorized(body)
                    : DjoserAuthenticationResults.Unauthorized(result.Failure.Message);
                return new(Anonymous, null, failure);
            }

            if (result.Succeeded)
            {
                http.User = result.Principal;
                return new(result.Principal, http.Features.Get<DjoserAuthenticatedUser<TUser>>()?.User, null);
            }
        }

        return new(Anonymous, null, null);
    }

    private static async ValueTask<AuthenticateResult> AuthenticateAsync(HttpContext http, IAuthenticationHandlerProvider handlers, string scheme)
    {
        var handler = await handlers.GetHandlerAsync(http, scheme)
            ?? throw new InvalidOperationException($"No authentication handler is registered for the scheme '{scheme}' that Djoser:AuthenticationSchemes names.");
        var result = await handler.AuthenticateAsync() ?? AuthenticateResult.NoResult();
        if (!result.Succeeded)
        {
            return result;
        }

        var transformation = http.RequestServices.GetRequiredService<IClaimsTransformation>();
        if (transformation.GetType() == typeof(NoopClaimsTransformation))
        {
            // ASP.NET Core's default returns the principal as it is, in a task of its own.
            return result;
        }

        var principal = await transformation.TransformAsync(result.Principal!);
        return ReferenceEquals(principal, result.Principal)
            ? result
            : AuthenticateResult.Success(new AuthenticationTicket(principal, result.Properties, result.Ticket!.AuthenticationScheme));
    }
}

/// <summary>The schemes of <c>Djoser:AuthenticationSchemes</c>, resolved once; validated at start-up.</summary>
internal sealed class DjoserSchemeList
{
    public DjoserSchemeList(IOptions<DjoserOptions> options)
    {
        Schemes = options.Value.EffectiveAuthenticationSchemes.Select(name => DjoserAuthenticationSchemes.Known[name]).ToArray();
        Challenge = Schemes[0].Challenge(options.Value);
    }

    /// <summary>The schemes in order; an array, which every authenticated request walks without an enumerator.</summary>
    public DjoserSchemeInfo[] Schemes { get; }

    /// <summary>The first scheme's challenge, sent with every 401 (spec §12).</summary>
    public string Challenge { get; }
}
