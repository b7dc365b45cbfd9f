namespace Djoser.Data;

/// <summary>
/// A user's DRF-style auth token (one per user, spec §6.5). Only a SHA-256 hash of the key is looked up, and the key
/// itself is kept encrypted with ASP.NET Core data protection so a login can hand back the same key; a database
/// dump alone yields no usable token.
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
/// <typeparam name="TKey">The user's primary key type.</typeparam>
public sealed class DjoserAuthToken<TUser, TKey>
    where TUser : class
    where TKey : IEquatable<TKey>
{
    /// <summary>The owner's primary key; also this row's key (one token per user).</summary>
    public TKey UserId { get; set; } = default!;

    /// <summary>The owner.</summary>
    public TUser User { get; set; } = default!;

    /// <summary>Lower-case hex SHA-256 of the key; unique and indexed for the authentication lookup.</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>The key, protected with data protection so it can be returned on the next login.</summary>
    public string ProtectedKey { get; set; } = "";

    /// <summary>When the token was issued.</summary>
    public DateTimeOffset Created { get; set; }
}
