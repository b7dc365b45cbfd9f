namespace Djoser.Authentication;

/// <summary>
/// The events of djoser's authentication handlers when the scheme's options name none: ASP.NET Core's default
/// (<c>AuthenticationHandler.CreateEventsAsync</c>) makes a new plain object, in a task of its own, for every request;
/// djoser's schemes raise no events, so one serves them all (issue 13: the authenticated hot path).
/// </summary>
internal static class DjoserNoEvents
{
    public static Task<object> Task { get; } = System.Threading.Tasks.Task.FromResult(new object());
}
