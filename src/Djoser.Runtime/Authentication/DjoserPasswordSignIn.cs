using Djoser.Configuration;
using Djoser.Throttling;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Djoser.Authentication;

/// <summary>The outcome of a password check.</summary>
public enum DjoserPasswordCheck
{
    /// <summary>The password matched an account that is not locked out.</summary>
    Succeeded,

    /// <summary>No such account, or a wrong password.</summary>
    Failed,

    /// <summary>The account is locked out (<c>Djoser:Lockout</c>); the password was not checked.</summary>
    LockedOut,
}

/// <summary>
/// The one password check of token login, both JWT logins and HTTP Basic, with Identity's lockout
/// (<c>Djoser:Lockout</c>): wrong passwords in a row lock the account for a while, a right one resets the count.
/// Every path hashes once, so timing tells neither whether the account exists nor whether it is locked.
/// </summary>
/// <remarks>
/// Identity 10's <c>UserManager.AccessFailedAsync</c> and <c>IsLockedOutAsync</c> read <c>DateTimeOffset.UtcNow</c>
/// (no <see cref="TimeProvider"/>), so the lockout end is stamped and compared here, through the same
/// <see cref="IUserLockoutStore{TUser}"/> calls they make, on the injected clock. The state is Identity's own
/// (<c>AccessFailedCount</c>, <c>LockoutEnd</c>, the per-user <c>LockoutEnabled</c>), so <c>UserManager</c> agrees.
/// </remarks>
/// <typeparam name="TUser">The user model.</typeparam>
/// <typeparam name="TKey">The user's key type.</typeparam>
public sealed class DjoserPasswordSignIn<TUser, TKey>(
    UserManager<TUser> users,
    IUserStore<TUser> store,
    IOptions<DjoserOptions> options,
    TimeProvider time,
    ILogger<DjoserPasswordSignIn<TUser, TKey>> logger)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    private readonly DjoserLockoutOptions _lockout = options.Value.Lockout;

    /// <summary>Checks <paramref name="password"/> for <paramref name="user"/> (<c>null</c>: nobody has that login).</summary>
    public async Task<DjoserPasswordCheck> CheckPasswordAsync(TUser? user, string password, CancellationToken cancellationToken)
    {
        if (user is null)
        {
            // Hash anyway so response time does not tell whether the account exists (as Django's ModelBackend does).
            users.PasswordHasher.HashPassword(null!, password);
            return DjoserPasswordCheck.Failed;
        }

        var lockoutStore = LockoutStore(user);
        if (lockoutStore is not null && await lockoutStore.GetLockoutEndDateAsync(user, cancellationToken) is { } end && end > time.GetUtcNow())
        {
            // Hash as a password check would, so a locked account answers in the same time as a wrong password.
            users.PasswordHasher.HashPassword(user, password);
            return DjoserPasswordCheck.LockedOut;
        }

        if (await users.CheckPasswordAsync(user, password))
        {
            if (lockoutStore is not null && await lockoutStore.GetAccessFailedCountAsync(user, cancellationToken) > 0)
            {
                await lockoutStore.ResetAccessFailedCountAsync(user, cancellationToken);
                await SaveAsync(user, cancellationToken);
            }

            return DjoserPasswordCheck.Succeeded;
        }

        if (lockoutStore is null)
        {
            return DjoserPasswordCheck.Failed;
        }

        var attempts = await lockoutStore.IncrementAccessFailedCountAsync(user, cancellationToken);
        if (attempts < _lockout.MaxFailedAccessAttempts)
        {
            await SaveAsync(user, cancellationToken);
            return DjoserPasswordCheck.Failed;
        }

        // As Identity's AccessFailedAsync: lock, and start the count again for after the lockout.
        var lockoutEnd = time.GetUtcNow() + _lockout.Duration;
        await lockoutStore.SetLockoutEndDateAsync(user, lockoutEnd, cancellationToken);
        await lockoutStore.ResetAccessFailedCountAsync(user, cancellationToken);
        await SaveAsync(user, cancellationToken);
        Log.LockedOut(logger, attempts, lockoutEnd);
        return DjoserPasswordCheck.LockedOut;
    }

    /// <summary>
    /// The text to answer a failed check with: <paramref name="wrongPassword"/>, the caller's wrong-password text, also
    /// for a locked-out account unless <c>Djoser:Lockout:ShowLockedOut</c> opts in to <see cref="DjoserThrottleMessages.LockedOut"/>.
    /// </summary>
    public string FailureMessage(DjoserPasswordCheck check, string wrongPassword) =>
        check == DjoserPasswordCheck.LockedOut && _lockout.ShowLockedOut ? DjoserThrottleMessages.LockedOut : wrongPassword;

    // Lockout applies when it is on, the store keeps it and the account allows it (Identity's per-user LockoutEnabled,
    // set at creation from IdentityOptions.Lockout.AllowedForNewUsers).
    private IUserLockoutStore<TUser>? LockoutStore(TUser user) =>
        _lockout.Enabled && user.LockoutEnabled && store is IUserLockoutStore<TUser> lockoutStore ? lockoutStore : null;

    private async Task SaveAsync(TUser user, CancellationToken cancellationToken)
    {
        // The store's update, as UserManager.AccessFailedAsync ends; a concurrent login's update winning loses one
        // count at worst, and the login is answered either way.
        var result = await store.UpdateAsync(user, cancellationToken);
        if (!result.Succeeded)
        {
            Log.AccessFailedNotSaved(logger, string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }
}
