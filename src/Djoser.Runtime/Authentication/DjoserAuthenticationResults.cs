using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Authentication;

/// <summary>
/// DRF's 401 and 403 answers, in one place (spec §1.3, §1.4): <c>{"detail": …}</c>, and on a 401 the
/// <c>WWW-Authenticate</c> challenge of the first configured authentication scheme.
/// </summary>
internal static class DjoserAuthenticationResults
{
    /// <summary>401 "Authentication credentials were not provided.".</summary>
    public static IResult NotAuthenticated() => Unauthorized(DjoserMessages.NotAuthenticated);

    /// <summary>401 "User inactive or deleted.": the authenticated user is gone by the time the action loads it.</summary>
    public static IResult UserGone() => Unauthorized(DjoserMessages.UserInactiveOrDeleted);

    /// <summary>403 "You do not have permission to perform this action.".</summary>
    public static IResult PermissionDenied() => DjoserResults.Detail(StatusCodes.Status403Forbidden, DjoserMessages.PermissionDenied);

    /// <summary>401 with <paramref name="message"/>.</summary>
    public static IResult Unauthorized(string message) => new UnauthorizedResult(message, null);

    /// <summary>401 with the body of <paramref name="failure"/>.</summary>
    public static IResult Unauthorized(DjoserAuthenticationFailure failure) => new UnauthorizedResult(failure.Message, failure);

    private sealed class UnauthorizedResult(string message, DjoserAuthenticationFailure? failure) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status401Unauthorized;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var challenge = httpContext.RequestServices.GetRequiredService<DjoserSchemeList>().Challenge;
            return failure is null
                ? DjoserResults.Detail(StatusCodes.Status401Unauthorized, message, challenge).ExecuteAsync(httpContext)
                : failure.ToResult(challenge).ExecuteAsync(httpContext);
        }
    }
}
