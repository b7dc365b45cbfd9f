namespace Djoser.Tokens;

/// <summary>
/// DRF-style auth tokens (spec §6.5): by default one per user, returned again on every login, deleted on logout. The
/// opt-ins under <c>Djoser:Token</c> add a lifetime and one token per device.
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
public interface IDjoserAuthTokenStore<TUser>
    where TUser : class
{
    /// <summary>The user's token key for a login without a device name; see <see cref="GetOrCreateAsync(TUser, string?, CancellationToken)"/>.</summary>
    Task<string> GetOrCreateAsync(TUser user, CancellationToken cancellationToken) => GetOrCreateAsync(user, null, cancellationToken);

    /// <summary>
    /// The token key a login hands out: the user's existing live one, or a new one if the user has none (djoser's
    /// default); with <c>Djoser:Token:PerDevice</c>, always a new one named <paramref name="device"/>.
    /// </summary>
    Task<string> GetOrCreateAsync(TUser user, string? device, CancellationToken cancellationToken);

    /// <summary>Deletes every token of the user (logout, account deletion, <c>LogoutOnPasswordChange</c>); they stop working at once.</summary>
    Task DeleteAllAsync(TUser user, CancellationToken cancellationToken);

    /// <summary>Deletes the user's token <paramref name="tokenId"/>; <c>false</c> if the user has no such token.</summary>
    Task<bool> DeleteAsync(TUser user, Guid tokenId, CancellationToken cancellationToken);

    /// <summary>The user's live tokens, newest first: never their keys or hashes.</summary>
    Task<IReadOnlyList<DjoserAuthTokenInfo>> ListAsync(TUser user, CancellationToken cancellationToken);

    /// <summary>
    /// The live token <paramref name="key"/> and its owner, or <c>null</c> for an unknown or expired key (an expired
    /// one is deleted). The user is a read-only snapshot, untracked and possibly shared with other requests for a few
    /// seconds (at most one indexed query; often none). Load a tracked copy before changing the user.
    /// </summary>
    Task<DjoserAuthTokenMatch<TUser>?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>The owner of the live token <paramref name="key"/>; see <see cref="FindAsync"/>.</summary>
    async Task<TUser?> FindUserAsync(string key, CancellationToken cancellationToken) =>
        (await FindAsync(key, cancellationToken).ConfigureAwait(false))?.User;

    /// <summary>
    /// Forgets any cached snapshot of <paramref name="user"/>, here and (with shared revocation versions) on every
    /// instance; called, and awaited, after djoser changes the user.
    /// </summary>
    Task ForgetAsync(TUser user);
}

/// <summary>A token that authenticated: its owner and its id.</summary>
/// <typeparam name="TUser">The user model.</typeparam>
/// <param name="User">The owner, a read-only snapshot.</param>
/// <param name="TokenId">The token's <see cref="Data.DjoserAuthToken{TUser, TKey}.Id"/>.</param>
public sealed record DjoserAuthTokenMatch<TUser>(TUser User, Guid TokenId)
    where TUser : class;

/// <summary>What the device list shows of a token: never its key or hash.</summary>
/// <param name="Id">The token's id, for revoking it.</param>
/// <param name="Device">The device that logged in, if known.</param>
/// <param name="Created">When the token was issued.</param>
/// <param name="LastUsed">When it last authenticated a request (to within the touch interval).</param>
/// <param name="ExpiresAt">When it stops working; <c>null</c> for never.</param>
public sealed record DjoserAuthTokenInfo(Guid Id, string? Device, DateTimeOffset Created, DateTimeOffset LastUsed, DateTimeOffset? ExpiresAt);
