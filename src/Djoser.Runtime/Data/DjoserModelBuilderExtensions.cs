using System.ComponentModel;
using Djoser.Model;
using Djoser.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Djoser.Data;

/// <summary>Adds djoser's tables to the user's EF Core model, so the user's migrations create them.</summary>
public static class DjoserModelBuilderExtensions
{
    /// <summary>The table of auth tokens.</summary>
    public const string AuthTokenTable = "DjoserAuthTokens";

    /// <summary>The table of last logins.</summary>
    public const string LoginRecordTable = "DjoserLoginRecords";

    /// <summary>The table of blacklisted refresh tokens.</summary>
    public const string JwtBlacklistTable = "DjoserJwtBlacklist";

    /// <summary>The table of per-user refresh token cut-offs.</summary>
    public const string JwtRevocationTable = "DjoserJwtRevocations";

    /// <summary>The table of queued account e-mails.</summary>
    public const string OutboxTable = "DjoserOutbox";

    private static readonly ValueConverter<DateTimeOffset, long> UnixMilliseconds =
        new(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));

    /// <summary>
    /// Adds djoser's entities for <typeparamref name="TUser"/>. Call it from <c>OnModelCreating</c> after
    /// <c>base.OnModelCreating(builder)</c>.
    /// </summary>
    public static ModelBuilder ApplyDjoserModel<TUser>(this ModelBuilder modelBuilder)
        where TUser : class
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        DjoserModelRegistry.Get<TUser>().ConfigureModel(modelBuilder);
        return modelBuilder;
    }

    /// <summary>Adds djoser's entities closed over the user's key type. Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void ApplyDjoserEntities<TUser, TKey>(ModelBuilder modelBuilder)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
    {
        modelBuilder.Entity<DjoserAuthToken<TUser, TKey>>(token =>
        {
            token.ToTable(AuthTokenTable);
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).ValueGeneratedNever();
            token.Property(t => t.KeyHash).HasMaxLength(64).IsRequired();
            token.HasIndex(t => t.KeyHash).IsUnique();
            token.Property(t => t.Device).HasMaxLength(DjoserAuthTokenDevice.MaxLength);
            // Unix seconds, as the JWT blacklist's: every provider compares integers, so expired rows can be found by a query.
            token.Property(t => t.ExpiresAt).HasConversion(new ValueConverter<DateTimeOffset, long>(v => v.ToUnixTimeSeconds(), v => DateTimeOffset.FromUnixTimeSeconds(v)));
            token.Property(t => t.UserId).IsRequired();
            token.HasIndex(t => t.UserId);
            token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DjoserLoginRecord<TKey>>(record =>
        {
            record.ToTable(LoginRecordTable);
            record.HasKey(r => r.UserId);
            record.HasOne<TUser>().WithOne().HasForeignKey<DjoserLoginRecord<TKey>>(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DjoserJwtBlacklistEntry>(entry =>
        {
            entry.ToTable(JwtBlacklistTable);
            entry.HasKey(e => e.Jti);
            entry.Property(e => e.Jti).HasMaxLength(255);
            // Unix seconds, as exp is: every provider compares integers, so expired rows can be pruned by a query.
            entry.Property(e => e.ExpiresAt).HasConversion(v => v.ToUnixTimeSeconds(), v => DateTimeOffset.FromUnixTimeSeconds(v));
            entry.HasIndex(e => e.ExpiresAt);
        });

        modelBuilder.Entity<DjoserJwtRevocation<TKey>>(revocation =>
        {
            revocation.ToTable(JwtRevocationTable);
            revocation.HasKey(r => r.UserId);
            revocation.HasOne<TUser>().WithOne().HasForeignKey<DjoserJwtRevocation<TKey>>(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DjoserOutboxMessage>(message =>
        {
            message.ToTable(OutboxTable);
            message.HasKey(m => m.Id);
            message.Property(m => m.UserId).HasMaxLength(450).IsRequired();
            message.Property(m => m.Recipient).HasMaxLength(256).IsRequired();
            message.Property(m => m.Domain).HasMaxLength(256).IsRequired();
            message.Property(m => m.ClaimedBy).HasMaxLength(100);
            message.Property(m => m.LastError).HasMaxLength(DjoserOutboxMessage.MaxErrorLength);
            // Unix milliseconds: every provider compares integers, so the claim's "due and not leased" runs in SQL.
            message.Property(m => m.CreatedAt).HasConversion(UnixMilliseconds);
            message.Property(m => m.NextAttemptAt).HasConversion(UnixMilliseconds);
            message.Property(m => m.ExpiresAt).HasConversion(UnixMilliseconds);
            message.Property(m => m.ClaimedUntil).HasConversion(UnixMilliseconds);
            message.Property(m => m.SentAt).HasConversion(UnixMilliseconds);
            message.Property(m => m.FailedAt).HasConversion(UnixMilliseconds);
            message.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        });
    }
}
