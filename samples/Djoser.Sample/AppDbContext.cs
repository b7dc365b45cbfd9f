using Djoser.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Djoser.Sample;

/// <summary>
/// The sample's database: Identity's tables, djoser's, and the data-protection key ring. Its migrations
/// (<c>Migrations/</c>) are SQLite's; <see cref="PostgresAppDbContext"/> carries PostgreSQL's.
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    /// <summary>The context on the options registered for it (SQLite in the sample).</summary>
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's derived context, whose migrations are its own.</summary>
    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The data-protection keys that sign tokens and e-mailed links, shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyDjoserModel<AppUser>();
    }
}
