using System.Collections.Concurrent;
using Djoser.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Tokens;

/// <summary>
/// A short-lived, per-process memory of "this token hash belongs to this user", so the authenticated hot path skips
/// the database for <see cref="DjoserOptions.AuthTokenCacheDuration"/> (ARCHITECTURE: the hot path). Everything
/// djoser changes about a user (logout, password, username, profile, activation, deletion) evicts the user at once;
/// a change made outside this process is seen when the entry expires.
/// </summary>
/// <remarks>
/// Cached users are shared, read-only snapshots: nothing may modify one. Handlers that change a user load a tracked
/// copy of their own.
/// </remarks>
/// <typeparam name="TUser">The user model.</typeparam>
/// <typeparam name="TKey">The user's key type.</typeparam>
internal sealed class DjoserAuthTokenCache<TUser, TKey>(TimeProvider time, IOptions<DjoserOptions> options)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    // Expired entries are swept once the cache grows past this; a busy API holds one entry per active token.
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TKey, string> _hashByUser = new();
    private readonly TimeSpan _duration = options.Value.AuthTokenCacheDuration;

    /// <summary>Whether caching is on (<see cref="DjoserOptions.AuthTokenCacheDuration"/> is positive).</summary>
    public bool Enabled => _duration > TimeSpan.Zero;

    /// <summary>The cached snapshot of the user owning <paramref name="hash"/>, if fresh.</summary>
    public bool TryGet(string hash, out TUser user)
    {
        if (_byHash.TryGetValue(hash, out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            user = entry.User;
            return true;
        }

        user = null!;
        return false;
    }

    /// <summary>Remembers <paramref name="user"/> (an untracked snapshot) as the owner of <paramref name="hash"/>.</summary>
    public void Set(string hash, TUser user)
    {
        if (!Enabled)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_byHash.Count >= SweepThreshold)
        {
            Sweep(now);
        }

        _byHash[hash] = new Entry(user, now + _duration);
        _hashByUser[user.Id] = hash;
    }

    /// <summary>Forgets whatever is cached for the user with <paramref name="userId"/>.</summary>
    public void Evict(TKey userId)
    {
        if (_hashByUser.TryRemove(userId, out var hash))
        {
            _byHash.TryRemove(hash, out _);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (hash, entry) in _byHash)
        {
            if (entry.ExpiresAt <= now && _byHash.TryRemove(hash, out _))
            {
                _hashByUser.TryRemove(new KeyValuePair<TKey, string>(entry.User.Id, hash));
            }
        }
    }

    private sealed record Entry(TUser User, DateTimeOffset ExpiresAt);
}
