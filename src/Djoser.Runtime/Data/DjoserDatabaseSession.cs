using Microsoft.EntityFrameworkCore;

namespace Djoser.Data;

/// <summary>The request's context, for what djoser's services do to it beyond Identity's stores.</summary>
internal sealed class DjoserDatabaseSession<TContext>(TContext context) : IDjoserDatabaseSession
    where TContext : DbContext
{
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
    /// <summary>Stops tracking <paramref name="entity"/>, so the next query reads it afresh from the database.</summary>
    void Forget(object entity);
}
