using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>2.x's username reset confirm body: the e-mailed uid and token and the new username field value.</summary>
/// <remarks>The document names the new-value properties after the model's username field (<see cref="DjoserOpenApiNames.UsernameField"/>).</remarks>
/// <param name="Uid">The user's id from the e-mailed link.</param>
/// <param name="Token">The token from the e-mailed link.</param>
/// <param name="NewUsername">The new username field value.</param>
/// <param name="ReNewUsername">It again; required when <c>UsernameResetConfirmRetype</c> is on.</param>
public sealed record DjoserUsernameResetConfirmRequest(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("new_" + DjoserOpenApiNames.UsernameField)] string NewUsername,
    [property: JsonPropertyName("re_new_" + DjoserOpenApiNames.UsernameField)] string? ReNewUsername);
