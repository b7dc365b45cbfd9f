using System.Text.Json;

namespace Djoser.IntegrationTests.Fuzzing;

/// <summary>
/// What every answer to a fuzzed request must be (issue 11): never a 5xx; a HEAD answer without a body; every error
/// answer with a body is <c>application/json</c> in one of DRF's error shapes.
/// </summary>
public static class FuzzResponseCheck
{
    /// <summary>The problem with the answer, or <see langword="null"/> when it is well formed.</summary>
    public static string? Problem(string method, int status, string? mediaType, byte[] body)
    {
        if (status >= 500)
        {
            return "server error";
        }

        if (method.Equals("HEAD", StringComparison.OrdinalIgnoreCase) && body.Length > 0)
        {
            return "HEAD answer with a body";
        }

        if (status < 300 || body.Length == 0)
        {
            return null;
        }

        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return $"error body as {mediaType ?? "(no Content-Type)"}";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return IsDrfError(document.RootElement) ? null : "error body not in DRF's shape";
        }
        catch (JsonException)
        {
            return "error body is not JSON";
        }
    }

    /// <summary>
    /// DRF's error shapes: <c>{"detail": "…"}</c>, an object of string lists (field and <c>non_field_errors</c>), a bare
    /// list of strings, and simplejwt's <c>{"detail", "code", "messages": [{…}]}</c>.
    /// </summary>
    public static bool IsDrfError(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => AllStrings(root),
        JsonValueKind.Object => root.EnumerateObject().Any() && root.EnumerateObject().All(member => member.Value.ValueKind switch
        {
            JsonValueKind.String => true,
            JsonValueKind.Array => AllStrings(member.Value) || (member.Name == "messages" && member.Value.EnumerateArray().All(IsStringObject)),
            _ => false,
        }),
        _ => false,
    };

    private static bool AllStrings(JsonElement array) => array.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String);

    private static bool IsStringObject(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.EnumerateObject().All(member => member.Value.ValueKind == JsonValueKind.String);
}
