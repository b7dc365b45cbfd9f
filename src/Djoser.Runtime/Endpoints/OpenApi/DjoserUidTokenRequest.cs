using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>The activation body: the <c>uid</c> and <c>token</c> of the e-mailed link.</summary>
/// <param name="Uid">The user's id, base64url-encoded.</param>
/// <param name="Token">The one-time token.</param>
public sealed record DjoserUidTokenRequest(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("token")] string Token);
