namespace Djoser.Data;

/// <summary>How djoser's requests use the database (<c>Djoser:Database:*</c>).</summary>
public sealed class DjoserDatabaseOptions
{
    /// <summary>
    /// The longest one database command of a djoser request may take, waiting for a lock included, before the request
    /// answers 503 (default 5 seconds; the providers' own default is 30). Applied to the request's context with
    /// <c>DatabaseFacade.SetCommandTimeout</c>. On SQLite, also put <c>Default Timeout=5</c> in the connection string:
    /// beginning a transaction waits for the write lock by the connection's timeout, not the command's.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
