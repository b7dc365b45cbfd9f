using System.Globalization;

namespace Djoser.Throttling;

/// <summary>A throttle rate: at most <paramref name="PermitLimit"/> requests in any <paramref name="Window"/>.</summary>
/// <param name="PermitLimit">The requests allowed per window, at least 1.</param>
/// <param name="Window">The window's length, positive.</param>
public readonly record struct DjoserThrottleRate(int PermitLimit, TimeSpan Window)
{
    /// <summary>
    /// Reads DRF's rate syntax, <c>"&lt;requests&gt;/&lt;period&gt;"</c>, where only the period's first letter counts
    /// (<c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>), as DRF's <c>SimpleRateThrottle.parse_rate</c> reads it: <c>"10/min"</c>,
    /// <c>"100/day"</c>.
    /// </summary>
    public static bool TryParse(string? text, out DjoserThrottleRate rate)
    {
        rate = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash <= 0 || slash == text!.Length - 1
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var permits) || permits < 1)
        {
            return false;
        }

        TimeSpan? window = char.ToLowerInvariant(text[slash + 1]) switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            _ => null,
        };
        if (window is null)
        {
            return false;
        }

        rate = new DjoserThrottleRate(permits, window.Value);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{PermitLimit} per {Window}");
}
