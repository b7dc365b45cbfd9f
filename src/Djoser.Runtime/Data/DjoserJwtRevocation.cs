namespace Djoser.Data;

/// <summary>
/// The cut-off of a user's refresh tokens: every one issued before <see cref="IssuedBefore"/> is refused. Written by a
/// password reset and, with <c>Djoser:LogoutOnPasswordChange</c>, a password change, so "log out everywhere" costs one
/// row per user instead of a row per outstanding token; read only when a refresh token is used, never on the access
/// token's hot path.
/// </summary>
/// <typeparam name="TKey">The user's primary key type.</typeparam>
public sealed class DjoserJwtRevocation<TKey>
    where TKey : IEquatable<TKey>
{
    /// <summary>The user's primary key.</summary>
    public TKey UserId { get; set; } = default!;

    /// <summary>Refresh tokens whose <c>iat</c> is earlier than this (whole seconds) are refused.</summary>
    public DateTimeOffset IssuedBefore { get; set; }
}
