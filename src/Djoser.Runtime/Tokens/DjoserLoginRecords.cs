using Djoser.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Djoser.Tokens;

/// <summary>Shared rules of the stored last login.</summary>
internal static class DjoserLoginRecords
{
    /// <summary>100 ns ticks per microsecond.</summary>
    public const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>
    /// UTC, truncated to the microsecond: what every common database keeps of a timestamp, so the value a token was
    /// bound to in memory equals the value read back later.
    /// </summary>
    public static DateTimeOffset Normalize(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TicksPerMicrosecond), TimeSpan.Zero);
}

/// <summary>
/// Django's <c>last_login</c> kept in <see cref="DjoserLoginRecord{TKey}"/> rows, one per user: the login time in UTC
/// to the microsecond, and always later than the previous one, so every login invalidates earlier e-mailed links.
/// </summary>
internal sealed class DjoserLoginRecords<TUser, TKey, TContext> : IDjoserLoginRecords<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
    where TContext : DbContext
{
    private readonly TContext _context;
    private readonly TimeProvider _time;

    public DjoserLoginRecords(TContext context, TimeProvider time)
    {
        _context = context;
        _time = time;
    }

    private DbSet<DjoserLoginRecord<TKey>> Records => _context.Set<DjoserLoginRecord<TKey>>();

    public async Task<DateTimeOffset?> GetLastLoginAsync(TUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        var tracked = Records.Local.FirstOrDefault(r => r.UserId.Equals(userId));
        if (tracked is not null)
        {
            return tracked.LastLogin;
        }

        var record = await Records.AsNoTracking().FirstOrDefaultAsync(r => r.UserId.Equals(userId), cancellationToken).ConfigureAwait(false);
        return record?.LastLogin;
    }

    public async Task RecordLoginAsync(TUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        var now = DjoserLoginRecords.Normalize(_time.GetUtcNow());
        var record = Records.Local.FirstOrDefault(r => r.UserId.Equals(userId))
            ?? await Records.FirstOrDefaultAsync(r => r.UserId.Equals(userId), cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            Records.Add(new DjoserLoginRecord<TKey> { UserId = userId, LastLogin = now });
        }
        else
        {
            // Every login must change last_login, or links issued since the previous login would survive it (spec §6.2).
            var previous = DjoserLoginRecords.Normalize(record.LastLogin);
            record.LastLogin = now > previous ? now : previous.AddTicks(DjoserLoginRecords.TicksPerMicrosecond);
        }

        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
