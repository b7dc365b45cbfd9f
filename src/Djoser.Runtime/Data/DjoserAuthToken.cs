namespace Djoser.Data;

/// <summary>
/// A DRF-style auth token (spec §6.5). Only a SHA-256 hash of the key is looked up; a database dump alone yields no
/// usable token. In djoser's default mode a user has one token, kept encrypted with ASP.NET Core data protection so a
/// login can hand back the same key; with <c>Djoser:Token:PerDevice</c> a user has one per login and only the hash
/// is stored.
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
/// <typeparam name="TKey">The user's primary key type.</typeparam>
public sealed class DjoserAuthToken<TUser, TKey>
    where TUser : class
    where TKey : IEquatable<TKey>
{
    /// <summary>The token's id. A user's single default-mode token has an id derived from the user's, so two concurrent first logins collide on it.</summary>
    public Guid Id { get; set; }

    /// <summary>The owner's primary key; indexed.</summary>
    public TKey UserId { get; set; } = default!;

    /// <summary>The owner.</summary>
    public TUser User { get; set; } = default!;

    /// <summary>Lower-case hex SHA-256 of the key; unique and indexed for the authentication lookup.</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>
    /// The key, protected with data protection so it can be returned on the next login; <c>null</c> for a per-device
    /// token, whose key is never given back.
    /// </summary>
    public string? ProtectedKey { get; set; }

    /// <summary>The device that logged in: the login's <c>device</c> field, else its User-Agent (per-device tokens only).</summary>
    public string? Device { get; set; }

    /// <summary>When the token was issued.</summary>
    public DateTimeOffset Created { get; set; }

    /// <summary>When the token last authenticated a request, to within <c>Djoser:Token:Lifetime</c>/10 (or a minute); its login at first.</summary>
    public DateTimeOffset LastUsed { get; set; }

    /// <summary>When the token stops working (stored as Unix seconds); <c>null</c> for a token that never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
