using Djoser.Configuration;
using Microsoft.Extensions.Options;

namespace Djoser.Throttling;

/// <summary>Start-up checks of <c>Djoser:Throttling</c> and <c>Djoser:Lockout</c>, each failure naming the key.</summary>
internal sealed class DjoserThrottlingOptionsValidator : IValidateOptions<DjoserOptions>
{
    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        var failures = new List<string>();
        var throttling = options.Throttling;
        if (throttling.Enabled)
        {
            foreach (var group in Enum.GetValues<DjoserThrottleGroup>())
            {
                Check(failures, $"Djoser:Throttling:{group}", throttling.Of(group));
            }

            Check(failures, "Djoser:Throttling:LoginUsername", throttling.LoginUsername);
        }

        var lockout = options.Lockout;
        if (lockout.Enabled)
        {
            if (lockout.MaxFailedAccessAttempts < 1)
            {
                failures.Add($"Djoser:Lockout:MaxFailedAccessAttempts must be at least 1 (default 5); it is {lockout.MaxFailedAccessAttempts}.");
            }

            if (lockout.Duration <= TimeSpan.Zero)
            {
                failures.Add($"Djoser:Lockout:Duration must be positive (default 00:05:00); it is {lockout.Duration}.");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static void Check(List<string> failures, string key, DjoserThrottleRateOptions rate)
    {
        if (!rate.Enabled)
        {
            return;
        }

        if (rate.Rate is not null)
        {
            if (!DjoserThrottleRate.TryParse(rate.Rate, out _))
            {
                failures.Add($"{key}:Rate is '{rate.Rate}'; write DRF's '<requests>/<period>' with a period of s, m, h or d, e.g. '10/min'.");
            }

            return;
        }

        if (rate.PermitLimit < 1)
        {
            failures.Add($"{key}:PermitLimit must be at least 1; it is {rate.PermitLimit} (or set {key}:Rate, e.g. '10/min').");
        }

        if (rate.Window <= TimeSpan.Zero)
        {
            failures.Add($"{key}:Window must be positive, e.g. 00:01:00; it is {rate.Window} (or set {key}:Rate, e.g. '10/min').");
        }
    }
}
