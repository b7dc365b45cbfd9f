using System.Globalization;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;

namespace Djoser.Throttling;

/// <summary>
/// DRF's answer to a throttled request: 429, <c>Retry-After</c> in whole seconds, and
/// <c>{"detail": "Request was throttled. Expected available in N seconds."}</c> (singular for one second, as DRF's
/// <c>ngettext</c>).
/// </summary>
internal sealed class DjoserThrottledResult(int seconds) : IResult, IStatusCodeHttpResult
{
    /// <summary>The wait, in whole seconds.</summary>
    public int RetryAfterSeconds => seconds;

    public int? StatusCode => StatusCodes.Status429TooManyRequests;

    /// <summary>The <c>detail</c> text for a wait of <paramref name="seconds"/>.</summary>
    public static string Detail(int seconds) =>
        DjoserThrottleMessages.Throttled + " " + string.Format(
            CultureInfo.InvariantCulture,
            seconds == 1 ? DjoserThrottleMessages.ExpectedAvailableSingularFormat : DjoserThrottleMessages.ExpectedAvailablePluralFormat,
            seconds);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return DjoserResults.Detail(StatusCodes.Status429TooManyRequests, Detail(seconds)).ExecuteAsync(httpContext);
    }
}
