using Djoser.Data;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Djoser.Outbox.Benchmarks;

/// <summary>Identity's tables plus djoser's, the outbox included.</summary>
public class OutboxDbContext(DbContextOptions<OutboxDbContext> options) : IdentityDbContext<OutboxUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyDjoserModel<OutboxUser>();
    }
}
