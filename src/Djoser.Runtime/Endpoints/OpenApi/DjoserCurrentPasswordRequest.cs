using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>The body of deleting the current user.</summary>
/// <param name="CurrentPassword">The requester's password.</param>
public sealed record DjoserCurrentPasswordRequest(
    [property: JsonPropertyName("current_password")] string CurrentPassword);
