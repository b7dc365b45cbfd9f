namespace Djoser.Tokens;

/// <summary>DRF-style auth tokens (spec §6.5): one per user, returned again on every login, deleted on logout.</summary>
/// <typeparam name="TUser">The user model.</typeparam>
public interface IDjoserAuthTokenStore<TUser>
    where TUser : class
{
    /// <summary>The user's token key: the existing one, or a new one if the user has none.</summary>
    Task<string> GetOrCreateAsync(TUser user, CancellationToken cancellationToken);

    /// <summary>Deletes every token of the user (logout, account deletion, <c>LogoutOnPasswordChange</c>).</summary>
    Task DeleteAllAsync(TUser user, CancellationToken cancellationToken);

    /// <summary>
    /// The user owning <paramref name="key"/>, loaded and tracked by the request's DbContext in one indexed query,
    /// or <c>null</c> for an unknown key.
    /// </summary>
    Task<TUser?> FindUserAsync(string key, CancellationToken cancellationToken);
}
