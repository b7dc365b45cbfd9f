namespace Djoser.Data;

/// <summary>How djoser's requests use the database (<c>Djoser:Database:*</c>).</summary>
public sealed class DjoserDatabaseOptions
{
    /// <summary>
    /// The longest one database command of a djoser request may take, waiting for a lock included, before the request
    /// answers 503 (default 5 seconds; the providers' own default is 30). Applied to each command of a djoser
    /// request, and to the token lookups of djoser's authentication, by an EF interceptor that <c>AddDjoser</c> adds to
    /// the options of the context registered with <c>AddDbContext</c>, <c>AddDbContextPool</c> or
    /// <c>AddDbContextFactory</c>; the application's own endpoints keep the context's timeout. On SQLite, also put
    /// <c>Default Timeout=5</c> in the connection string: beginning a transaction waits for the write lock by the
    /// connection's timeout, not the command's.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many connections djoser keeps open, each with its own context and its statement prepared once, for the one
    /// query of a token-authenticated request that the token cache cannot answer (default 1; 0 runs that query on the
    /// request's own context, opening a connection for it). One query runs on each at a time; the lookups that arrive
    /// meanwhile go together in the next one (up to 256 keys), so under load requests share a round trip instead of
    /// each paying its own. More connections help a database far away, where a query waits longer for its answer.
    /// They are opened as the lookups need them and closed after a minute unused, or with the application. Set 0
    /// when the context's connection depends on the request (a connection string chosen per tenant).
    /// </summary>
    public int LookupConnections { get; set; } = 1;
}
