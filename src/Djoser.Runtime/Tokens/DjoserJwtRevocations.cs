using Djoser.Configuration;
using Djoser.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Tokens;

/// <summary>
/// Refresh-token revocation: simplejwt's blacklist (one row per token given up) and a per-user cut-off ("log out
/// everywhere" after a password reset or, with <c>LogoutOnPasswordChange</c>, a password change). Consulted when a
/// refresh token is used or verified; access tokens never touch it, so authenticating a request costs nothing more.
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
internal interface IDjoserJwtRevocations<TUser>
    where TUser : class
{
    /// <summary>Whether the refresh token was blacklisted, or issued before its user's cut-off.</summary>
    Task<bool> IsRevokedAsync(DjoserJwtToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Blacklists a refresh token: <c>true</c> when this call did, <c>false</c> when it already was (another request,
    /// perhaps at the same moment, got there first), so only one of two concurrent rotations of a token wins.
    /// </summary>
    Task<bool> BlacklistAsync(DjoserJwtToken token, CancellationToken cancellationToken);

    /// <summary>Refuses every refresh token of <paramref name="user"/> issued before now (whole seconds).</summary>
    Task RevokeAllAsync(TUser user, CancellationToken cancellationToken);
}

/// <summary><see cref="IDjoserJwtRevocations{TUser}"/> over the <c>DjoserJwtBlacklist</c> and <c>DjoserJwtRevocations</c> tables.</summary>
internal sealed class DjoserJwtRevocations<TUser, TKey, TContext>(TContext context, TimeProvider time, IOptions<DjoserOptions> options) : IDjoserJwtRevocations<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
    where TContext : DbContext
{
    private DbSet<DjoserJwtBlacklistEntry> Blacklist => context.Set<DjoserJwtBlacklistEntry>();

    private DbSet<DjoserJwtRevocation<TKey>> Revocations => context.Set<DjoserJwtRevocation<TKey>>();

    public async Task<bool> IsRevokedAsync(DjoserJwtToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var jti = token.Jti;
        if (await Blacklist.AsNoTracking().AnyAsync(e => e.Jti == jti, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        if (token.UserId is null || DjoserJwtUserIds<TKey>.Parse(token.UserId) is not { } userId)
        {
            return false;
        }

        var cutoff = await Revocations.AsNoTracking().FirstOrDefaultAsync(r => r.UserId.Equals(userId), cancellationToken).ConfigureAwait(false);
        return cutoff is not null && token.IssuedAt < cutoff.IssuedBefore;
    }

    public async Task<bool> BlacklistAsync(DjoserJwtToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var jti = token.Jti;
        if (await Blacklist.AsNoTracking().AnyAsync(e => e.Jti == jti, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // simplejwt leaves this to a "flushexpiredtokens" command; here each new row clears the dead ones (indexed on exp).
        var now = time.GetUtcNow();
        // A token is dead from its exp second on, past the leeway (DjoserJwtCodec's rule).
        var dead = DateTimeOffset.FromUnixTimeSeconds((now - options.Value.Jwt.Leeway).ToUnixTimeSeconds());
        await Blacklist.Where(e => e.ExpiresAt <= dead).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

        var entry = new DjoserJwtBlacklistEntry { Jti = jti, ExpiresAt = token.ExpiresAt, BlacklistedAt = now };
        Blacklist.Add(entry);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            // Two requests blacklisting the same token at once: the primary key lets one row in, the other's.
            context.Entry(entry).State = EntityState.Detached;
            return false;
        }
    }

    public async Task RevokeAllAsync(TUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        // Whole seconds, as iat is: a token issued in this second after the change stays valid, one of an earlier second does not.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var row = Revocations.Local.FirstOrDefault(r => r.UserId.Equals(userId))
            ?? await Revocations.FirstOrDefaultAsync(r => r.UserId.Equals(userId), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            Revocations.Add(new DjoserJwtRevocation<TKey> { UserId = userId, IssuedBefore = now });
        }
        else
        {
            row.IssuedBefore = now;
        }

        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
