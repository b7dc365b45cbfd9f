using System.Security.Cryptography;
using System.Text;
using Djoser.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Djoser.Tokens;

/// <summary>
/// DRF-style auth tokens in <see cref="DjoserAuthToken{TUser, TKey}"/> rows: the key is 40 lower-case hex characters
/// (DRF's format), looked up by its SHA-256 hash and kept protected with data protection so a login returns the same key.
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

    // The hot path's one query, compiled once per closed type; untracked because its result may be cached and shared.
    private static readonly Func<TContext, string, CancellationToken, Task<TUser?>> UserByKeyHash =
        EF.CompileAsyncQuery((TContext context, string hash, CancellationToken cancellationToken) =>
            context.Set<DjoserAuthToken<TUser, TKey>>().AsNoTracking().Where(t => t.KeyHash == hash).Select(t => t.User).FirstOrDefault());

    private readonly TContext _context;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly DjoserAuthTokenCache<TUser, TKey> _cache;
    private readonly ILogger _logger;

    public DjoserAuthTokenStore(
        TContext context,
        IDataProtectionProvider dataProtection,
        TimeProvider time,
        DjoserAuthTokenCache<TUser, TKey> cache,
        ILogger<DjoserAuthTokenStore<TUser, TKey, TContext>> logger)
    {
        _context = context;
        _protector = dataProtection.CreateProtector(ProtectorPurpose);
        _time = time;
        _cache = cache;
        _logger = logger;
    }

    private DbSet<DjoserAuthToken<TUser, TKey>> Tokens => _context.Set<DjoserAuthToken<TUser, TKey>>();

    public async Task<string> GetOrCreateAsync(TUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        var token = await Tokens.FirstOrDefaultAsync(t => t.UserId.Equals(userId), cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            var existing = TryUnprotect(token);
            if (existing is not null)
            {
                return existing;
            }

            // The key ring that protected the key is gone: the stored key can never be handed out again, so replace it.
            Log.AuthTokenReplaced(_logger);
            var replacement = NewKey();
            Fill(token, replacement);
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return replacement;
        }

        var key = NewKey();
        token = new DjoserAuthToken<TUser, TKey> { UserId = userId };
        Fill(token, key);
        Tokens.Add(token);
        try
        {
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return key;
        }
        catch (DbUpdateException)
        {
            // A concurrent login created the user's token first (one row per user): hand out that one.
            _context.Entry(token).State = EntityState.Detached;
            var winner = await Tokens.AsNoTracking().FirstOrDefaultAsync(t => t.UserId.Equals(userId), cancellationToken).ConfigureAwait(false);
            var winnerKey = winner is null ? null : TryUnprotect(winner);
            if (winnerKey is null)
            {
                throw;
            }

            return winnerKey;
        }
    }

    public async Task DeleteAllAsync(TUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        foreach (var entry in _context.ChangeTracker.Entries<DjoserAuthToken<TUser, TKey>>().ToList())
        {
            if (entry.Entity.UserId.Equals(userId))
            {
                entry.State = EntityState.Detached;
            }
        }

        await Tokens.Where(t => t.UserId.Equals(userId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        _cache.Evict(userId);
    }

    public async Task<TUser?> FindUserAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(key))
        {
            return null;
        }

        var hash = Hash(key);
        if (_cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        var user = await UserByKeyHash(_context, hash, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            _cache.Set(hash, user);
        }

        return user;
    }

    public void Forget(TUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _cache.Evict(user.Id);
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
    internal static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyLength / 2));

    private void Fill(DjoserAuthToken<TUser, TKey> token, string key)
    {
        token.KeyHash = Hash(key);
        token.ProtectedKey = _protector.Protect(key);
        token.Created = _time.GetUtcNow();
    }

    private string? TryUnprotect(DjoserAuthToken<TUser, TKey> token)
    {
        try
        {
            var key = _protector.Unprotect(token.ProtectedKey);
            return IsWellFormed(key) && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(token.KeyHash)) ? key : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
