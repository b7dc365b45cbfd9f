namespace Djoser.Authentication;

/// <summary>
/// The user that token authentication found for this request, kept as a request feature so read-only endpoints use
/// it without another query (the authenticated hot path is one indexed lookup, or none while cached).
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
public sealed class DjoserAuthenticatedUser<TUser>(TUser user)
    where TUser : class
{
    /// <summary>
    /// The authenticated user: an untracked snapshot that may be shared with concurrent requests, so never modify it;
    /// load the user through <c>UserManager</c> to change it.
    /// </summary>
    public TUser User { get; } = user;
}
