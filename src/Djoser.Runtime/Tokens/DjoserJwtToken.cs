using System.Diagnostics.CodeAnalysis;

namespace Djoser.Tokens;

/// <summary>A JWT djoser issued or accepted, with the claims a blacklist or a refresh needs.</summary>
/// <param name="Token">The compact serialisation, as sent in <c>Authorization: JWT …</c> and in response bodies.</param>
/// <param name="Type">Access or refresh.</param>
/// <param name="Jti">The unique id (<c>jti</c>): what an outstanding-token table and the blacklist record.</param>
/// <param name="UserId">The user id claim's value as text; null on a token without one (not ours, or signed elsewhere).</param>
/// <param name="IssuedAt">The <c>iat</c> claim, whole seconds.</param>
/// <param name="ExpiresAt">The <c>exp</c> claim, whole seconds.</param>
public sealed record DjoserJwtToken(string Token, DjoserJwtTokenType Type, string Jti, string? UserId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>The outcome of validating a JWT: the token, or simplejwt's message saying why not.</summary>
/// <param name="Token">The valid token, or null.</param>
/// <param name="Error">simplejwt's <c>TokenError</c> text (e.g. "Token is invalid or expired"), or null.</param>
public readonly record struct DjoserJwtValidation(DjoserJwtToken? Token, string? Error)
{
    /// <summary>Whether the token is valid, of the expected type.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Token is not null;
}
