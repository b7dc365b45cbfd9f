using System.Security.Cryptography;
using Djoser.Tokens;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Djoser.Redis;

/// <summary>
/// Revocation versions, in two forms. While the revocation channel is known to deliver (<see cref="DjoserRevocationFeed.IsFresh"/>),
/// a user's version is local (<see cref="DjoserRevocationFeed.VersionOf"/>), and reading it costs no round trip: every
/// revocation reaches this instance, and its request waits for that (<see cref="DjoserRedisRevocationChannel"/>).
/// Otherwise it is a Redis string, <c>&lt;prefix&gt;rev:&lt;user id&gt;</c>: a random value that every revocation
/// replaces (one <c>SET</c>), read with one <c>GET</c> (a script creates it when absent). Being random rather than a
/// counter, a value lost with an expired key or a restarted server is never seen again, so no cached entry can match
/// it by accident (see <see cref="IDjoserRevocationVersions"/> for why the cache is then exact). The two forms never
/// equal each other, so an entry cached under one is not used under the other.
/// </summary>
internal sealed class DjoserRedisRevocationVersions(
    DjoserRedisConnection connection,
    DjoserRevocationFeed feed,
    DjoserRedisRevocationChannel channel,
    ILogger<DjoserRedisRevocationVersions> logger) : IDjoserRevocationVersions
{
    // Long enough to outlive any cache entry; an expired key only costs one database query per cached token.
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(1);

    private static readonly LuaScript GetOrCreate = LuaScript.Prepare(
        "local v = redis.call('GET', @key) if v then return v end redis.call('SET', @key, @fresh, 'PX', @ttl) return @fresh");

    public ValueTask<string?> CurrentAsync(string userKey, CancellationToken cancellationToken) =>
        feed.IsFresh ? ValueTask.FromResult<string?>(feed.VersionOf(userKey)) : ReadAsync(userKey);

    public async Task AdvanceAsync(string userKey)
    {
        // Once more on a failure: a dropped connection is often back by the retry.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // A revocation must reach Redis before its request answers, so it waits for a connect still under way.
                // The version first, for the instances reading it; then the channel, for the fresh ones.
                var database = (await connection.ConnectedAsync().ConfigureAwait(false)).GetDatabase();
                await database.StringSetAsync(KeyOf(userKey), NewVersion(), KeyLifetime).ConfigureAwait(false);
                await channel.PublishRevocationAsync(database, userKey).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                if (attempt == 1)
                {
                    Log.RevocationNotPublished(logger, exception);
                    return;
                }
            }
        }
    }

    private async ValueTask<string?> ReadAsync(string userKey)
    {
        if (connection.Database is not { } database)
        {
            return null;
        }

        try
        {
            // One GET (the channel not fresh); only a user without a version yet runs the script that creates one.
            var key = (RedisKey)KeyOf(userKey);
            var current = await database.StringGetAsync(key).ConfigureAwait(false);
            if (!current.IsNull)
            {
                return current.ToString();
            }

            var result = await database.ScriptEvaluateAsync(GetOrCreate, new
            {
                key,
                fresh = NewVersion(),
                ttl = (long)KeyLifetime.TotalMilliseconds,
            }).ConfigureAwait(false);
            return result.IsNull ? null : result.ToString();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Log.VersionUnreadable(logger, exception);
            return null;
        }
    }

    private string KeyOf(string userKey) => connection.KeyPrefix + "rev:" + userKey;

    private static string NewVersion() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
