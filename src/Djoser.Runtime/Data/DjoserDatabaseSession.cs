using Djoser.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Data;

/// <summary>
/// Bounds the request's database commands by <see cref="DjoserDatabaseOptions.CommandTimeout"/>: Identity's stores and
/// djoser's own services share the scoped context, so one setting on it covers every command of the request.
/// </summary>
internal sealed class DjoserDatabaseSession<TContext>(TContext context, IOptions<DjoserOptions> options) : IDjoserDatabaseSession
    where TContext : DbContext
{
    public void BoundCommands() =>
        context.Database.SetCommandTimeout((int)Math.Ceiling(options.Value.Database.CommandTimeout.TotalSeconds));

    public void Forget(object entity)
    {
        var entry = context.Entry(entity);
        if (entry.State != EntityState.Detached)
        {
            entry.State = EntityState.Detached;
        }
    }
}

/// <summary>The request's database, as the endpoint handler sees it (no context type).</summary>
internal interface IDjoserDatabaseSession
{
    /// <summary>Applies the configured command timeout to the request's context.</summary>
    void BoundCommands();

    /// <summary>Stops tracking <paramref name="entity"/>, so the next query reads it afresh from the database.</summary>
    void Forget(object entity);
}
