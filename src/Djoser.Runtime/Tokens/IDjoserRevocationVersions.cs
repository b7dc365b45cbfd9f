namespace Djoser.Tokens;

/// <summary>
/// A per-user revocation counter shared by every instance of the application, which makes each instance's
/// authentication cache exact across instances (README, "Several instances"). None is registered by default: the
/// cache is then per process and evicted by this process's own writes. <c>Djoser.Gen.Redis</c> provides one on Redis
/// (<c>AddDjoserRedis</c>).
/// </summary>
/// <remarks>
/// The contract that makes the cache exact: <see cref="AdvanceAsync"/> is called (and awaited) after every revoking write has been
/// committed and before the revoking request answers; an instance reads <see cref="CurrentAsync"/> before it queries
/// the database for a user's token, keeps the value with what it caches, and uses a cached entry only while a fresh
/// read returns the same value. A read that cannot be made returns <see langword="null"/>, and nothing cached is used.
/// </remarks>
public interface IDjoserRevocationVersions
{
    /// <summary>
    /// The current version of <paramref name="userKey"/>, or <see langword="null"/> when it cannot be read now. A version
    /// is an opaque value never handed out twice (a lost or expired one comes back as a new value, never an old one).
    /// </summary>
    /// <param name="userKey">The user's id, formatted with the invariant culture.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    ValueTask<string?> CurrentAsync(string userKey, CancellationToken cancellationToken);

    /// <summary>
    /// Moves <paramref name="userKey"/>'s version on, so no instance trusts what it cached before. djoser awaits it
    /// where it forgets a user (<see cref="IDjoserAuthTokenStore{TUser}.ForgetAsync"/>), before the response. It takes no
    /// cancellation: a revocation whose change is committed must be published even if the client has gone.
    /// </summary>
    /// <param name="userKey">The user's id, formatted with the invariant culture.</param>
    Task AdvanceAsync(string userKey);
}
