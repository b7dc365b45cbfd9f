using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Djoser.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Djoser.Endpoints.Benchmarks;

/// <summary>
/// EXPERIMENT (off unless <c>--Benchmark:TokenCache=true</c>, <c>TOKEN_CACHE=1</c> in run.sh): what a short-lived
/// key-hash → user cache in front of djoser's token lookup would buy. A hit costs a SHA-256 and a dictionary read, then
/// attaches a copy of the user to the request's DbContext (the store's contract: the user is tracked). Logout
/// (<see cref="DeleteAllAsync"/>) evicts at once; anything else (password or username change, user update, deletion)
/// is only seen after <see cref="TokenUserCache.Ttl"/>. Token creation and deletion delegate to djoser's own store,
/// which is internal, so it is created by reflection here; a real change belongs in src/Djoser.Runtime (README).
/// </summary>
internal sealed class CachingAuthTokenStore : IDjoserAuthTokenStore<BenchUser>
{
    private static readonly Type InnerType = typeof(IDjoserAuthTokenStore<>).Assembly
        .GetType("Djoser.Tokens.DjoserAuthTokenStore`3", throwOnError: true)!
        .MakeGenericType(typeof(BenchUser), typeof(string), typeof(BenchDbContext));

    private readonly BenchDbContext _db;
    private readonly TokenUserCache _cache;
    private readonly IDjoserAuthTokenStore<BenchUser> _inner;

    public CachingAuthTokenStore(BenchDbContext db, TokenUserCache cache, IServiceProvider services)
    {
        _db = db;
        _cache = cache;
        _inner = (IDjoserAuthTokenStore<BenchUser>)ActivatorUtilities.CreateInstance(services, InnerType);
    }

    public Task<string> GetOrCreateAsync(BenchUser user, CancellationToken cancellationToken) => _inner.GetOrCreateAsync(user, cancellationToken);

    public Task DeleteAllAsync(BenchUser user, CancellationToken cancellationToken)
    {
        _cache.Evict(user.Id);
        return _inner.DeleteAllAsync(user, cancellationToken);
    }

    public async Task<BenchUser?> FindUserAsync(string key, CancellationToken cancellationToken)
    {
        if (key.Length != 40 || !key.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));
        if (_cache.TryGet(hash, out var cached))
        {
            var tracked = _db.Set<BenchUser>().Local.FirstOrDefault(u => u.Id == cached.Id);
            if (tracked is not null)
            {
                return tracked;
            }

            var copy = cached.Snapshot();
            _db.Attach(copy);
            return copy;
        }

        var user = await _inner.FindUserAsync(key, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            _cache.Set(hash, user.Snapshot());
        }

        return user;
    }
}

/// <summary>The process-wide cache of <see cref="CachingAuthTokenStore"/>.</summary>
internal sealed class TokenUserCache(TimeProvider time)
{
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (BenchUser User, long Expires)> _byHash = new(StringComparer.Ordinal);

    public bool TryGet(string hash, out BenchUser user)
    {
        if (_byHash.TryGetValue(hash, out var entry) && entry.Expires > time.GetTimestamp())
        {
            user = entry.User;
            return true;
        }

        user = null!;
        return false;
    }

    public void Set(string hash, BenchUser user) =>
        _byHash[hash] = (user, time.GetTimestamp() + (long)(Ttl.TotalSeconds * time.TimestampFrequency));

    public void Evict(string userId)
    {
        foreach (var (hash, entry) in _byHash)
        {
            if (entry.User.Id == userId)
            {
                _byHash.TryRemove(hash, out _);
            }
        }
    }
}
