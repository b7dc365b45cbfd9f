using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>The token login answer, <c>{"auth_token": "…"}</c>.</summary>
/// <param name="AuthToken">The key; send it as the Authorization header, after the word Token.</param>
public sealed record DjoserAuthTokenResponse(
    [property: JsonPropertyName("auth_token")] string AuthToken);
