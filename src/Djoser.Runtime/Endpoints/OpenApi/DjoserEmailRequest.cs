using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>The body of the reset and resend-activation requests.</summary>
/// <param name="Email">The account's e-mail address.</param>
public sealed record DjoserEmailRequest(
    [property: JsonPropertyName("email")] string Email);
