namespace Djoser.Data;

/// <summary>
/// When a user last logged in (Django's <c>last_login</c>). Activation and reset tokens are bound to it, so a login
/// invalidates links issued before it (spec §6.2). Kept out of the user's table so the user class stays the user's.
/// </summary>
/// <typeparam name="TKey">The user's primary key type.</typeparam>
public sealed class DjoserLoginRecord<TKey>
    where TKey : IEquatable<TKey>
{
    /// <summary>The user's primary key.</summary>
    public TKey UserId { get; set; } = default!;

    /// <summary>The last successful login.</summary>
    public DateTimeOffset LastLogin { get; set; }
}
