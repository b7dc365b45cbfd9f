using System.Numerics;
using System.Runtime.CompilerServices;
using Djoser.Configuration;
using Djoser.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Tokens;

/// <summary>
/// The database side of a token-authenticated request the token cache cannot answer: the token row with its user, by
/// key hash (issue 13). With <see cref="DjoserDatabaseOptions.LookupConnections"/> above 0, the lookups of concurrent
/// requests are batched (<see cref="DjoserLookupBatcher{TKey, TResult}"/>) and run on djoser's kept connections
/// (<see cref="DjoserLookupContexts{TContext}"/>); with 0, each runs on its request's own context.
/// </summary>
internal sealed class DjoserTokenLookups<TUser, TKey, TContext>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
    where TContext : DbContext
{
    /// <summary>
    /// The most key hashes one query takes: enough that one connection keeps up with far more misses than a round trip
    /// could answer one by one (256 per 10 ms round trip is 25,600 lookups a second).
    /// </summary>
    internal const int BatchSize = 256;

    // Untracked because its result may be cached and shared. Compiled once per model rather than per closed type: EF
    // refuses to run a compiled query against a model other than its first, and one process may use the same context
    // type with two (a SQLite and a PostgreSQL one, as the samples and their tests do).
    private static readonly ConditionalWeakTable<IModel, Func<TContext, string[], IAsyncEnumerable<KeyValuePair<string, DjoserAuthTokenSnapshot<TUser>>>>> ByKeyHashes = new();

    private readonly DjoserLookupBatcher<string, DjoserAuthTokenSnapshot<TUser>>? _batcher;

    public DjoserTokenLookups(DjoserLookupContexts<TContext> contexts, IOptions<DjoserOptions> options)
    {
        var connections = options.Value.Database.LookupConnections;
        if (connections > 0)
        {
            _batcher = new(hashes => contexts.QueryAsync(hashes, ReadAsync, CancellationToken.None), connections, BatchSize);
        }
    }

    /// <summary>How many queries the batched lookups have run; for tests.</summary>
    internal int Queries => _batcher?.Queries ?? 0;

    /// <summary>The token whose key hashes to <paramref name="hash"/>, with its user, or <c>null</c>.</summary>
    public async Task<DjoserAuthTokenSnapshot<TUser>?> FindAsync(string hash, IServiceProvider requestServices, CancellationToken cancellationToken)
    {
        if (_batcher is not null)
        {
            return await _batcher.LookupAsync(hash).ConfigureAwait(false);
        }

        var found = await ReadAsync(requestServices.GetRequiredService<TContext>(), [hash], cancellationToken).ConfigureAwait(false);
        return found.GetValueOrDefault(hash);
    }

    /// <summary>The tokens of <paramref name="hashes"/> found in one query on <paramref name="context"/>, by key hash.</summary>
    private static async Task<IReadOnlyDictionary<string, DjoserAuthTokenSnapshot<TUser>>> ReadAsync(
        TContext context,
        string[] hashes,
        CancellationToken cancellationToken)
    {
        // djoser's command timeout, not the context's: a query many requests wait for must not hang for the
        // provider's 30 seconds on a connection that stopped answering.
        DjoserCommandTimeout.Enter();
        var found = new Dictionary<string, DjoserAuthTokenSnapshot<TUser>>(hashes.Length, StringComparer.Ordinal);
        hashes = Padded(hashes);
        var query = ByKeyHashes.GetValue(context.Model, static _ => EF.CompileAsyncQuery((TContext context, string[] hashes) =>
            context.Set<DjoserAuthToken<TUser, TKey>>().AsNoTracking().Where(t => hashes.Contains(t.KeyHash))
                .Select(t => new KeyValuePair<string, DjoserAuthTokenSnapshot<TUser>>(
                    t.KeyHash, new DjoserAuthTokenSnapshot<TUser>(t.User, t.Id, t.Created, t.LastUsed, t.ExpiresAt)))));
        await foreach (var (hash, token) in query(context, hashes).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            found[hash] = token;
        }

        return found;
    }

    /// <summary>
    /// <paramref name="hashes"/> with its last one repeated up to a power of two: EF writes a list of that many
    /// parameters on SQLite, so the batches make a handful of statements, each prepared once per connection.
    /// </summary>
    private static string[] Padded(string[] hashes)
    {
        var length = (int)BitOperations.RoundUpToPowerOf2((uint)hashes.Length);
        if (length == hashes.Length)
        {
            return hashes;
        }

        var padded = new string[length];
        hashes.CopyTo(padded, 0);
        padded.AsSpan(hashes.Length).Fill(hashes[^1]);
        return padded;
    }
}
