using System.Collections.Concurrent;
using Djoser.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Tokens;

/// <summary>
/// A short-lived, per-process memory of "this token hash is this token of this user", so the authenticated hot path
/// skips the database for <see cref="DjoserOptions.AuthTokenCacheDuration"/> (ARCHITECTURE: the hot path), and never
/// past the token's own expiry. Everything djoser changes about a user (logout, password, username, profile,
/// activation, deletion) evicts the user at once, and revoking one token evicts that token; a change made outside this
/// process is seen when the entry expires.
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
    private readonly ConcurrentDictionary<TKey, ConcurrentDictionary<string, byte>> _hashesByUser = new();
    private readonly TimeSpan _duration = options.Value.AuthTokenCacheDuration;

    /// <summary>Whether caching is on (<see cref="DjoserOptions.AuthTokenCacheDuration"/> is positive).</summary>
    public bool Enabled => _duration > TimeSpan.Zero;

    /// <summary>The cached token behind <paramref name="hash"/>, if fresh.</summary>
    public bool TryGet(string hash, out DjoserAuthTokenSnapshot<TUser> token)
    {
        if (_byHash.TryGetValue(hash, out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            token = entry.Token;
            return true;
        }

        token = null!;
        return false;
    }

    /// <summary>Remembers <paramref name="token"/> (its user an untracked snapshot) as the token behind <paramref name="hash"/>.</summary>
    public void Set(string hash, DjoserAuthTokenSnapshot<TUser> token)
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

        // An entry never outlives the token: after its expiry the database must be asked (and the token deleted).
        var until = now + _duration;
        if (token.ExpiresAt is { } expires && expires < until)
        {
            until = expires;
        }

        _byHash[hash] = new Entry(token, until);
        _hashesByUser.GetOrAdd(token.User.Id, _ => new(StringComparer.Ordinal))[hash] = 0;
    }

    /// <summary>Forgets whatever is cached for the user with <paramref name="userId"/>.</summary>
    public void Evict(TKey userId)
    {
        if (_hashesByUser.TryRemove(userId, out var hashes))
        {
            foreach (var hash in hashes.Keys)
            {
                _byHash.TryRemove(hash, out _);
            }
        }
    }

    /// <summary>Forgets the one token behind <paramref name="hash"/>.</summary>
    public void EvictToken(string hash)
    {
        if (_byHash.TryRemove(hash, out var entry) && _hashesByUser.TryGetValue(entry.Token.User.Id, out var hashes))
        {
            hashes.TryRemove(hash, out _);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (hash, entry) in _byHash)
        {
            if (entry.ExpiresAt <= now && _byHash.TryRemove(hash, out _) && _hashesByUser.TryGetValue(entry.Token.User.Id, out var hashes))
            {
                hashes.TryRemove(hash, out _);
                if (hashes.IsEmpty)
                {
                    _hashesByUser.TryRemove(new KeyValuePair<TKey, ConcurrentDictionary<string, byte>>(entry.Token.User.Id, hashes));
                }
            }
        }
    }

    private sealed record Entry(DjoserAuthTokenSnapshot<TUser> Token, DateTimeOffset ExpiresAt);
}

/// <summary>What the hot path reads of a token row: its owner and what decides expiry and the next touch.</summary>
/// <typeparam name="TUser">The user model.</typeparam>
/// <param name="User">The owner, an untracked snapshot.</param>
/// <param name="Id">The token's id.</param>
/// <param name="Created">When the token was issued.</param>
/// <param name="LastUsed">When the token last authenticated (as stored).</param>
/// <param name="ExpiresAt">When the token stops working, as stored.</param>
internal sealed record DjoserAuthTokenSnapshot<TUser>(TUser User, Guid Id, DateTimeOffset Created, DateTimeOffset LastUsed, DateTimeOffset? ExpiresAt)
    where TUser : class;
