using Djoser.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Djoser.Tokens;

/// <summary>Django's <c>last_login</c> kept in <see cref="DjoserLoginRecord{TKey}"/> rows, one per user.</summary>
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
        var now = _time.GetUtcNow();
        var record = Records.Local.FirstOrDefault(r => r.UserId.Equals(userId))
            ?? await Records.FirstOrDefaultAsync(r => r.UserId.Equals(userId), cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            Records.Add(new DjoserLoginRecord<TKey> { UserId = userId, LastLogin = now });
        }
        else
        {
            record.LastLogin = now;
        }

        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
