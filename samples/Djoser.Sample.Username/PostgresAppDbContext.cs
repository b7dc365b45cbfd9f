using Microsoft.EntityFrameworkCore;

namespace Djoser.Sample.Username;

/// <summary>
/// <see cref="AppDbContext"/> on PostgreSQL (<c>Database:Provider</c> = <c>Postgres</c>). The model is the same; only
/// the migrations differ (<c>Migrations/Postgres/</c>, each marked with this type, so <c>Migrate()</c> picks them).
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
