namespace Djoser.Throttling;

/// <summary>The texts of throttling and lockout answers.</summary>
public static class DjoserThrottleMessages
{
    /// <summary>DRF's <c>Throttled.default_detail</c>.</summary>
    public const string Throttled = "Request was throttled.";

    /// <summary>DRF's <c>Throttled.extra_detail_singular</c>, appended after a space when the wait is one second.</summary>
    public const string ExpectedAvailableSingularFormat = "Expected available in {0} second.";

    /// <summary>DRF's <c>Throttled.extra_detail_plural</c>, for any other wait.</summary>
    public const string ExpectedAvailablePluralFormat = "Expected available in {0} seconds.";

    /// <summary>
    /// Not djoser's (djoser has no lockout): the opt-in answer to a locked-out account
    /// (<c>Djoser:Lockout:ShowLockedOut</c>), worded as djoser's other credential errors.
    /// </summary>
    public const string LockedOut = "Too many failed login attempts. Try again later.";
}
