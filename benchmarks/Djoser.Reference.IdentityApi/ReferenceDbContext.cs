using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Djoser.Reference.IdentityApi;

/// <summary>Identity's tables, nothing else: what <c>MapIdentityApi</c> needs. Its migrations are SQLite's (<c>Migrations/</c>).</summary>
public class ReferenceDbContext : IdentityDbContext<IdentityUser>
{
    public ReferenceDbContext(DbContextOptions<ReferenceDbContext> options)
        : base(options)
    {
    }

    protected ReferenceDbContext(DbContextOptions options)
        : base(options)
    {
    }
}

/// <summary>
/// <see cref="ReferenceDbContext"/> on PostgreSQL, with PostgreSQL's migrations (<c>Migrations/Postgres/</c>), as the
/// samples have <c>PostgresAppDbContext</c>: both apps start by applying migrations on either database.
/// </summary>
public sealed class PostgresReferenceDbContext(DbContextOptions<PostgresReferenceDbContext> options) : ReferenceDbContext(options);
