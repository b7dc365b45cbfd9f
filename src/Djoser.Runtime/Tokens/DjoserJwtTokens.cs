using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Tokens;

/// <summary>
/// <see cref="IDjoserJwtTokens{TUser}"/> over the shared <see cref="DjoserJwtCodec"/>: the user id claim is the key
/// (a JSON number for integer keys, as Django writes an integer pk; text otherwise), and the user is read by one
/// compiled, untracked query, or from <see cref="DjoserAuthTokenCache{TUser, TKey}"/> for
/// <c>Djoser:AuthTokenCacheDuration</c> with the same eviction as auth tokens (at once on every djoser change of the
/// user, on every instance with shared revocation versions), so a deleted or deactivated user's tokens fail at once.
/// </summary>
/// <remarks>
/// The context is taken from the request's services on a cache miss only: a cached user (the authenticated hot path)
/// needs none, and resolving one costs a context (or a pool lease) per request.
/// </remarks>
internal sealed class DjoserJwtTokens<TUser, TKey, TContext>(DjoserJwtCodec codec, IServiceProvider services, DjoserAuthTokenCache<TUser, TKey> cache) : IDjoserJwtTokens<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
    where TContext : DbContext
{
    // Compiled once per model: EF refuses a compiled query on a model other than its first, and one process may use
    // the context type with two (SQLite and PostgreSQL, as the samples' tests do).
    private static readonly ConditionalWeakTable<IModel, Func<TContext, TKey, CancellationToken, Task<TUser?>>> UserById = new();

    public DjoserJwtToken CreateAccessToken(TUser user) => codec.Create(DjoserJwtTokenType.Access, ClaimValue(user));

    public DjoserJwtToken CreateRefreshToken(TUser user) => codec.Create(DjoserJwtTokenType.Refresh, ClaimValue(user));

    public Task<DjoserJwtValidation> ValidateAsync(string token, DjoserJwtTokenType type)
    {
        ArgumentNullException.ThrowIfNull(token);
        return codec.ValidateAsync(token, type);
    }

    public async Task<TUser?> FindUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var id = DjoserJwtUserIds<TKey>.Parse(userId);
        if (id is null)
        {
            return null;
        }

        var (cached, version) = await cache.LookupUserAsync(id, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            return cached;
        }

        var context = services.GetRequiredService<TContext>();
        var user = await UserByIdQuery(context)(context, id, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            cache.SetUser(user, version);
        }

        return user;
    }

    private static Func<TContext, TKey, CancellationToken, Task<TUser?>> UserByIdQuery(TContext context) =>
        UserById.GetValue(context.Model, static _ => EF.CompileAsyncQuery((TContext db, TKey id, CancellationToken cancellationToken) =>
            db.Set<TUser>().AsNoTracking().FirstOrDefault(u => u.Id.Equals(id))));

    private static object ClaimValue(TUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Id switch
        {
            int or long or short or uint or ulong or ushort or byte or sbyte => user.Id,
            _ => user.Id.ToString() ?? string.Empty,
        };
    }
}
