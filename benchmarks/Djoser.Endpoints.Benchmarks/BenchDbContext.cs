using Djoser.Data;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Djoser.Endpoints.Benchmarks;

/// <summary>Identity's tables plus djoser's, shared by both APIs under test.</summary>
public class BenchDbContext(DbContextOptions<BenchDbContext> options) : IdentityDbContext<BenchUser>(options)
{
    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyDjoserModel<BenchUser>();
    }
}
