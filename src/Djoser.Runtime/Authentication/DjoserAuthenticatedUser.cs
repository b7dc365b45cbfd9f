namespace Djoser.Authentication;

/// <summary>
/// The user that token authentication loaded for this request, kept as a request feature so the endpoints use it
/// without a second query (the authenticated hot path is one indexed lookup).
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
public sealed class DjoserAuthenticatedUser<TUser>(TUser user)
    where TUser : class
{
    /// <summary>The authenticated user, tracked by the request's DbContext.</summary>
    public TUser User { get; } = user;
}
