using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Djoser.Configuration;
using Djoser.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Djoser.Tokens;

/// <summary>
/// DRF-style auth tokens in <see cref="DjoserAuthToken{TUser, TKey}"/> rows: the key is 40 lower-case hex characters
/// (DRF's format), looked up by its SHA-256 hash. By default a user has one token, kept protected with data
/// protection so a login returns the same key; <c>Djoser:Token:PerDevice</c> issues one per login and stores only
/// the hash, and <c>Djoser:Token:Lifetime</c> makes tokens expire (absolute or sliding).
/// </summary>
internal sealed class DjoserAuthTokenStore<TUser, TKey, TContext> : IDjoserAuthTokenStore<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
    where TContext : DbContext
{
    /// <summary>The data protection purpose of stored keys.</summary>
    internal const string ProtectorPurpose = "Djoser.AuthToken";

    /// <summary>DRF's key length: 20 random bytes as hex.</summary>
    internal const int KeyLength = 40;

    [ThreadStatic]
    private static IncrementalHash? _sha256;

    private readonly IServiceProvider _services;
    private readonly IDataProtectionProvider _dataProtection;
    private readonly TimeProvider _time;
    private readonly DjoserAuthTokenCache<TUser, TKey> _cache;
    private readonly DjoserTokenLookups<TUser, TKey, TContext> _lookups;
    private readonly DjoserTokenOptions _options;
    private readonly ILogger _logger;
    private TContext? _context;
    private IDataProtector? _protector;

    /// <remarks>
    /// The context and the protector are taken on first use, not here: a cached token (the authenticated hot path)
    /// needs neither, and resolving the request's context alone costs a context (or a pool lease) per request.
    /// </remarks>
    public DjoserAuthTokenStore(
        IServiceProvider services,
        IDataProtectionProvider dataProtection,
        TimeProvider time,
        DjoserAuthTokenCache<TUser, TKey> cache,
        DjoserTokenLookups<TUser, TKey, TContext> lookups,
        IOptions<DjoserOptions> options,
        ILogger<DjoserAuthTokenStore<TUser, TKey, TContext>> logger)
    {
        _services = services;
        _dataProtection = dataProtection;
        _time = time;
        _cache = cache;
        _lookups = lookups;
        _options = options.Value.Token;
        _logger = logger;
    }

    private TContext Context => _context ??= _services.GetRequiredService<TContext>();

    private IDataProtector Protector => _protector ??= _dataProtection.CreateProtector(ProtectorPurpose);

    private DbSet<DjoserAuthToken<TUser, TKey>> Tokens => Context.Set<DjoserAuthToken<TUser, TKey>>();

    public Task<string> GetOrCreateAsync(TUser user, string? device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _options.PerDevice ? IssueAsync(user, device, cancellationToken) : GetOrCreateSingleAsync(user, cancellationToken);
    }

    public async Task DeleteAllAsync(TUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        Detach(t => t.UserId.Equals(userId));
        await Tokens.Where(t => t.UserId.Equals(userId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await _cache.EvictAsync(userId).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(TUser user, Guid tokenId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        var hash = await Tokens.AsNoTracking().Where(t => t.Id == tokenId && t.UserId.Equals(userId)).Select(t => t.KeyHash)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (hash is null)
        {
            return false;
        }

        Detach(t => t.Id == tokenId);
        await Tokens.Where(t => t.Id == tokenId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await _cache.RevokeAsync(hash, userId).ConfigureAwait(false);
        Log.AuthTokenRevoked(_logger, tokenId);
        return true;
    }

    public async Task<IReadOnlyList<DjoserAuthTokenInfo>> ListAsync(TUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        var rows = await Tokens.AsNoTracking().Where(t => t.UserId.Equals(userId))
            .Select(t => new { t.Id, t.Device, t.Created, t.LastUsed, t.ExpiresAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        // Sorted here: SQLite cannot order by a DateTimeOffset column.
        return rows
            .Select(t => new DjoserAuthTokenInfo(t.Id, t.Device, t.Created, t.LastUsed, ExpiryOf(t.Created, t.ExpiresAt)))
            .Where(t => !IsExpired(t.ExpiresAt, now))
            .OrderByDescending(t => t.Created).ThenBy(t => t.Id)
            .ToList();
    }

    public async Task<DjoserAuthTokenMatch<TUser>?> FindAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(key))
        {
            return null;
        }

        var hash = Hash(key);
        var (token, version) = await _cache.LookupAsync(hash, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            var found = await _lookups.FindAsync(hash, _services, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return null;
            }

            token = found with { ExpiresAt = ExpiryOf(found.Created, found.ExpiresAt) };
            if (IsExpired(token.ExpiresAt, _time.GetUtcNow()))
            {
                // DRF's answer for an unknown key; the row is of no further use.
                await DeleteExpiredAsync(token.Id, cancellationToken).ConfigureAwait(false);
                return null;
            }

            _cache.Set(hash, token, version);
        }

        if (_options.Touches && !await TouchAsync(hash, token, version, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new DjoserAuthTokenMatch<TUser>(token.User, token.Id);
    }

    // A method of its own: a lambda over FindAsync's locals would allocate their closure on every call, cache hits too.
    private async Task DeleteExpiredAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        await Tokens.Where(t => t.Id == tokenId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        Log.AuthTokenExpired(_logger, tokenId);
    }

    public Task ForgetAsync(TUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _cache.EvictAsync(user.Id);
    }

    /// <summary>Whether <paramref name="key"/> has DRF's shape: 40 lower-case hex characters.</summary>
    internal static bool IsWellFormed(string? key)
    {
        if (key is null || key.Length != KeyLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lower-case hex SHA-256 of the key, as stored in <see cref="DjoserAuthToken{TUser, TKey}.KeyHash"/>.</summary>
    internal static string Hash(string key)
    {
        // Every token-authenticated request hashes its key, cached or not (issue 13): buffers on the stack, and one
        // SHA-256 per thread, as OpenSSL's one-shot digest sets up and frees a digest context on every call.
        Span<byte> ascii = key.Length <= KeyLength ? stackalloc byte[KeyLength] : new byte[key.Length];
        ascii = ascii[..Encoding.ASCII.GetBytes(key, ascii)];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var sha256 = _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(ascii);
        sha256.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The id of a user's single default-mode token, derived from the user's id: two concurrent first logins insert the
    /// same primary key, so one of them fails and hands out the winner's key (one token per user, as before).
    /// </summary>
    internal static Guid SingleTokenId(TKey userId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("Djoser.AuthToken.User:" + Convert.ToString(userId, CultureInfo.InvariantCulture)));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyLength / 2));

    private static bool IsExpired(DateTimeOffset? expiresAt, DateTimeOffset now) => expiresAt is { } expires && expires <= now;

    /// <summary>Per-device mode: a new token per login, of which only the hash is kept.</summary>
    private async Task<string> IssueAsync(TUser user, string? device, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var key = NewKey();
        var token = new DjoserAuthToken<TUser, TKey> { Id = Guid.CreateVersion7(now), UserId = user.Id, Device = device };
        Fill(token, key, now, reversible: false);
        Tokens.Add(token);
        await Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>djoser's mode: the user's one token, created on the first login and handed out again while it lives.</summary>
    private async Task<string> GetOrCreateSingleAsync(TUser user, CancellationToken cancellationToken)
    {
        var userId = user.Id;
        var id = SingleTokenId(userId);
        var now = _time.GetUtcNow();
        var token = await Tokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            var expired = IsExpired(ExpiryOf(token.Created, token.ExpiresAt), now);
            var existing = expired ? null : TryUnprotect(token);
            if (existing is not null)
            {
                if (_options.Touches)
                {
                    // A login is a use: a sliding expiry starts again.
                    Touch(token, now);
                    await Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    _cache.EvictToken(token.KeyHash);
                }

                return existing;
            }

            if (!expired)
            {
                // The key ring that protected the key is gone: the stored key can never be handed out again, so replace it.
                Log.AuthTokenReplaced(_logger);
            }

            // The old key stops working everywhere, once the replacement is committed (a revocation published before the
            // commit would let another instance cache the old row again under the new version).
            var oldHash = token.KeyHash;
            var replacement = NewKey();
            Fill(token, replacement, now, reversible: true);
            await Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await _cache.RevokeAsync(oldHash, userId).ConfigureAwait(false);
            return replacement;
        }

        var key = NewKey();
        token = new DjoserAuthToken<TUser, TKey> { Id = id, UserId = userId };
        Fill(token, key, now, reversible: true);
        Tokens.Add(token);
        try
        {
            await Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return key;
        }
        catch (DbUpdateException)
        {
            // A concurrent login created the user's token first (its id is the user's): hand out that one.
            Context.Entry(token).State = EntityState.Detached;
            var winner = await Tokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
            var winnerKey = winner is null ? null : TryUnprotect(winner);
            if (winnerKey is null)
            {
                throw;
            }

            return winnerKey;
        }
    }

    /// <summary>
    /// Records a use of a token at most once per <see cref="DjoserTokenOptions.TouchInterval"/>: its <c>last_used</c>
    /// and, when sliding, its expiry. One indexed update; the cached entry is refreshed with it. <c>false</c> if the
    /// token is gone.
    /// </summary>
    private async Task<bool> TouchAsync(string hash, DjoserAuthTokenSnapshot<TUser> token, string? version, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now - token.LastUsed < _options.TouchInterval)
        {
            return true;
        }

        var expires = Sliding ? now + _options.Lifetime!.Value : token.ExpiresAt;
        var id = token.Id;
        var updated = await Tokens.Where(t => t.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsed, now).SetProperty(t => t.ExpiresAt, expires), cancellationToken)
            .ConfigureAwait(false);
        if (updated == 0)
        {
            // Revoked meanwhile (another request, another server): it no longer authenticates.
            _cache.EvictToken(hash);
            return false;
        }

        _cache.Set(hash, token with { LastUsed = now, ExpiresAt = expires }, version);
        return true;
    }

    private bool Sliding => _options.Lifetime is not null && _options.Expiration == DjoserTokenExpiration.Sliding;

    /// <summary>
    /// When a token stops working under the current options: never without a lifetime; its stored expiry, or (for a
    /// token issued before the lifetime was configured) its creation plus the lifetime.
    /// </summary>
    private DateTimeOffset? ExpiryOf(DateTimeOffset created, DateTimeOffset? expiresAt) =>
        _options.Lifetime is { } lifetime ? expiresAt ?? created + lifetime : null;

    private void Fill(DjoserAuthToken<TUser, TKey> token, string key, DateTimeOffset now, bool reversible)
    {
        token.KeyHash = Hash(key);
        token.ProtectedKey = reversible ? Protector.Protect(key) : null;
        token.Created = now;
        token.LastUsed = now;
        token.ExpiresAt = now + _options.Lifetime;
    }

    private void Touch(DjoserAuthToken<TUser, TKey> token, DateTimeOffset now)
    {
        token.LastUsed = now;
        if (Sliding)
        {
            token.ExpiresAt = now + _options.Lifetime;
        }
    }

    private void Detach(Func<DjoserAuthToken<TUser, TKey>, bool> match)
    {
        foreach (var entry in Context.ChangeTracker.Entries<DjoserAuthToken<TUser, TKey>>().ToList())
        {
            if (match(entry.Entity))
            {
                entry.State = EntityState.Detached;
            }
        }
    }

    private string? TryUnprotect(DjoserAuthToken<TUser, TKey> token)
    {
        if (token.ProtectedKey is null)
        {
            return null;
        }

        try
        {
            var key = Protector.Unprotect(token.ProtectedKey);
            return IsWellFormed(key) && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(token.KeyHash)) ? key : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
