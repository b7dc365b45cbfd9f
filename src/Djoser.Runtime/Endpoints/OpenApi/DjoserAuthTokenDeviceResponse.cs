using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>One of the current user's per-device auth tokens, as <c>/token/devices/</c> lists them (beyond djoser).</summary>
/// <param name="Id">The token's id; <c>DELETE /token/devices/{id}/</c> revokes it.</param>
/// <param name="Device">The device that logged in: the login's <c>device</c> field, else its User-Agent.</param>
/// <param name="Created">When the token was issued.</param>
/// <param name="LastUsed">When it last authenticated a request (to within a tenth of the lifetime, or a minute).</param>
/// <param name="Expires">When it stops working; <c>null</c> for never.</param>
/// <param name="Current">Whether it is the token this request was authenticated with.</param>
public sealed record DjoserAuthTokenDeviceResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("device")] string? Device,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("last_used")] DateTimeOffset LastUsed,
    [property: JsonPropertyName("expires")] DateTimeOffset? Expires,
    [property: JsonPropertyName("current")] bool Current);
