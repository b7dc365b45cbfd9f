using System.Collections.Concurrent;
using System.Globalization;
using Djoser.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Tokens;

/// <summary>
/// A short-lived, per-process memory of "this token hash is this token of this user" (and, for JWT authentication,
/// "this id is this user"), so the authenticated hot path skips the database for <see cref="DjoserOptions.AuthTokenCacheDuration"/> (ARCHITECTURE: the hot path), and never
/// past the token's own expiry. Everything djoser changes about a user (logout, password, username, profile,
/// activation, deletion) evicts the user at once, and revoking one token evicts that token.
/// </summary>
/// <remarks>
/// <para>
/// On one instance that is exact. With several, an <see cref="IDjoserRevocationVersions"/> (Redis, through
/// <c>AddDjoserRedis</c>) makes it exact across them: every eviction also replaces the user's shared version (a random value) before
/// the revoking request answers, an entry records the version read <em>before</em> the database query that filled it,
/// and a hit is used only if a fresh read of the version still equals it (Redis's implementation reads a local version,
/// kept current by a channel every instance acknowledges, or else one Redis GET: either far cheaper than the query).
/// Why that is exact: if the entry's version was read after the revoking instance advanced it, the query came later
/// still, so it saw the committed revocation; if it was read before, the revocation has since replaced the version and
/// the entry no longer matches (a lost key comes back as a new random value, so a Redis restart cannot match either).
/// The first lookup of a hash only learns its owner (a token never changes owner), whose version the next lookup
/// reads before its query; so a token is served from the cache from its third request on.
/// When the version cannot be read (Redis down), nothing cached is used and nothing is cached: every request queries
/// the database, as with <c>AuthTokenCacheDuration</c> 0.
/// </para>
/// <para>
/// A change made outside djoser (an admin's SQL) is seen when the entry expires. Cached users are shared, read-only
/// snapshots: nothing may modify one. Handlers that change a user load a tracked copy of their own.
/// </para>
/// </remarks>
/// <typeparam name="TUser">The user model.</typeparam>
/// <typeparam name="TKey">The user's key type.</typeparam>
internal sealed class DjoserAuthTokenCache<TUser, TKey>(TimeProvider time, IOptions<DjoserOptions> options, IDjoserRevocationVersions? versions = null)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    // Expired entries are swept once the cache grows past this; a busy API holds one entry per active token.
    private const int SweepThreshold = 10_000;

    // How long a hash's owner is remembered (shared mode): it never changes, so longer than a snapshot.
    private static readonly TimeSpan OwnerDuration = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Entry> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TKey, ConcurrentDictionary<string, byte>> _hashesByUser = new();
    private readonly ConcurrentDictionary<TKey, UserEntry> _usersById = new();
    private readonly TimeSpan _duration = options.Value.AuthTokenCacheDuration;

    /// <summary>Whether caching is on (<see cref="DjoserOptions.AuthTokenCacheDuration"/> is positive).</summary>
    public bool Enabled => _duration > TimeSpan.Zero;

    /// <summary>Whether entries are checked against shared revocation versions (several instances).</summary>
    public bool Shared => versions is not null;

    /// <summary>
    /// The cached token behind <paramref name="hash"/> if it may be used, and the version to store with what the caller
    /// reads from the database instead (<see langword="null"/>: store nothing but the owner).
    /// </summary>
    public async ValueTask<DjoserAuthTokenLookup<TUser>> LookupAsync(string hash, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return default;
        }

        var now = time.GetUtcNow();
        var found = _byHash.TryGetValue(hash, out var entry);
        if (versions is null)
        {
            return found && entry!.Token is { } cached && entry.TokenUntil > now ? new(cached, string.Empty) : new(null, string.Empty);
        }

        if (!found || entry!.OwnerUntil <= now)
        {
            return default;
        }

        var version = await versions.CurrentAsync(KeyOf(entry.Owner), cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return default;
        }

        return entry.Token is { } token && string.Equals(entry.Version, version, StringComparison.Ordinal) && entry.TokenUntil > now ? new(token, version) : new(null, version);
    }

    /// <summary>
    /// Remembers <paramref name="token"/> (its user an untracked snapshot) as the token behind <paramref name="hash"/>,
    /// read after <paramref name="version"/> was; with a <see langword="null"/> version only the owner is remembered.
    /// </summary>
    public void Set(string hash, DjoserAuthTokenSnapshot<TUser> token, string? version)
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

        var ownerUntil = versions is null ? until : now + (OwnerDuration > _duration ? OwnerDuration : _duration);
        _byHash[hash] = version is null
            ? new Entry(token.User.Id, null, string.Empty, now, ownerUntil)
            : new Entry(token.User.Id, token, version, until, ownerUntil);
        _hashesByUser.GetOrAdd(token.User.Id, _ => new(StringComparer.Ordinal))[hash] = 0;
    }

    /// <summary>
    /// The cached user with <paramref name="userId"/> (JWT authentication's look-up by the token's user id) if it may be
    /// used, and the version to store with what the caller reads from the database instead (<see langword="null"/>:
    /// store nothing). The user's id is known before the query, so the version is read first on the very first lookup.
    /// </summary>
    public async ValueTask<(TUser? User, string? Version)> LookupUserAsync(TKey userId, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return default;
        }

        var version = versions is null ? string.Empty : await versions.CurrentAsync(KeyOf(userId), cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return default;
        }

        return _usersById.TryGetValue(userId, out var entry) && entry.Until > time.GetUtcNow() && string.Equals(entry.Version, version, StringComparison.Ordinal)
            ? (entry.User, version)
            : (null, version);
    }

    /// <summary>Remembers <paramref name="user"/> (an untracked snapshot) by its id, read after <paramref name="version"/> was; nothing without a version.</summary>
    public void SetUser(TUser user, string? version)
    {
        if (!Enabled || version is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_usersById.Count >= SweepThreshold)
        {
            foreach (var (id, entry) in _usersById)
            {
                if (entry.Until <= now)
                {
                    _usersById.TryRemove(new KeyValuePair<TKey, UserEntry>(id, entry));
                }
            }
        }

        _usersById[user.Id] = new UserEntry(user, version, now + _duration);
    }

    /// <summary>
    /// Forgets whatever is cached for the user with <paramref name="userId"/>, here and (with shared versions) on every
    /// instance. Call it after the change is committed, and await it before answering.
    /// </summary>
    public Task EvictAsync(TKey userId)
    {
        EvictLocal(userId);
        return versions?.AdvanceAsync(KeyOf(userId)) ?? Task.CompletedTask;
    }

    /// <summary>Forgets the one token behind <paramref name="hash"/> here, e.g. after this instance refreshed it.</summary>
    public void EvictToken(string hash)
    {
        if (_byHash.TryRemove(hash, out var entry) && _hashesByUser.TryGetValue(entry.Owner, out var hashes))
        {
            hashes.TryRemove(hash, out _);
        }
    }

    /// <summary>The token behind <paramref name="hash"/>, of <paramref name="userId"/>, stopped working: forgotten here and on every instance.</summary>
    public Task RevokeAsync(string hash, TKey userId)
    {
        EvictToken(hash);
        return versions?.AdvanceAsync(KeyOf(userId)) ?? Task.CompletedTask;
    }

    private static string KeyOf(TKey userId) => Convert.ToString(userId, CultureInfo.InvariantCulture)!;

    private void EvictLocal(TKey userId)
    {
        _usersById.TryRemove(userId, out _);
        if (_hashesByUser.TryRemove(userId, out var hashes))
        {
            foreach (var hash in hashes.Keys)
            {
                _byHash.TryRemove(hash, out _);
            }
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (hash, entry) in _byHash)
        {
            if (entry.OwnerUntil <= now && _byHash.TryRemove(hash, out _) && _hashesByUser.TryGetValue(entry.Owner, out var hashes))
            {
                hashes.TryRemove(hash, out _);
                if (hashes.IsEmpty)
                {
                    _hashesByUser.TryRemove(new KeyValuePair<TKey, ConcurrentDictionary<string, byte>>(entry.Owner, hashes));
                }
            }
        }
    }

    /// <summary>A user snapshot by id, read after <paramref name="Version"/>, fresh until <paramref name="Until"/>.</summary>
    private sealed record UserEntry(TUser User, string Version, DateTimeOffset Until);

    /// <summary>A hash's owner, and (unless <paramref name="Token"/> is null) its snapshot read after <paramref name="Version"/>.</summary>
    private sealed record Entry(TKey Owner, DjoserAuthTokenSnapshot<TUser>? Token, string Version, DateTimeOffset TokenUntil, DateTimeOffset OwnerUntil);
}

/// <summary>What <see cref="DjoserAuthTokenCache{TUser, TKey}.LookupAsync"/> found.</summary>
/// <typeparam name="TUser">The user model.</typeparam>
/// <param name="Token">The cached token, usable as is; <see langword="null"/> to ask the database.</param>
/// <param name="Version">The version to cache the database's answer with; <see langword="null"/> to cache only its owner.</param>
internal readonly record struct DjoserAuthTokenLookup<TUser>(DjoserAuthTokenSnapshot<TUser>? Token, string? Version)
    where TUser : class;

/// <summary>What the hot path reads of a token row: its owner and what decides expiry and the next touch.</summary>
/// <typeparam name="TUser">The user model.</typeparam>
/// <param name="User">The owner, an untracked snapshot.</param>
/// <param name="Id">The token's id.</param>
/// <param name="Created">When the token was issued.</param>
/// <param name="LastUsed">When the token last authenticated (as stored).</param>
/// <param name="ExpiresAt">When the token stops working, as stored.</param>
internal sealed record DjoserAuthTokenSnapshot<TUser>(TUser User, Guid Id, DateTimeOffset Created, DateTimeOffset LastUsed, DateTimeOffset? ExpiresAt)
    where TUser : class;
