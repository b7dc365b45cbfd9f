namespace Djoser.Tokens;

/// <summary>DRF-style auth tokens (spec §6.5): one per user, returned again on every login, deleted on logout.</summary>
/// <typeparam name="TUser">The user model.</typeparam>
public interface IDjoserAuthTokenStore<TUser>
    where TUser : class
{
    /// <summary>The user's token key: the existing one, or a new one if the user has none.</summary>
    Task<string> GetOrCreateAsync(TUser user, CancellationToken cancellationToken);

    /// <summary>Deletes every token of the user (logout, account deletion, <c>LogoutOnPasswordChange</c>); it stops working at once.</summary>
    Task DeleteAllAsync(TUser user, CancellationToken cancellationToken);

    /// <summary>
    /// The user owning <paramref name="key"/>, or <c>null</c> for an unknown key: a read-only snapshot, untracked and
    /// possibly shared with other requests for a few seconds (at most one indexed query; often none). Load a tracked
    /// copy before changing the user.
    /// </summary>
    Task<TUser?> FindUserAsync(string key, CancellationToken cancellationToken);

    /// <summary>Forgets any cached snapshot of <paramref name="user"/>; called after djoser changes the user.</summary>
    void Forget(TUser user);
}
