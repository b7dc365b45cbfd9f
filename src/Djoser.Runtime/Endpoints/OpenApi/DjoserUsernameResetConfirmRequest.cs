using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>
/// 2.x's username reset confirm body; the document replaces
/// <see cref="DjoserOpenApiNames.LoginField"/> in the names with the model's username field.
/// </summary>
/// <param name="Uid">The user's id from the e-mailed link.</param>
/// <param name="Token">The token from the e-mailed link.</param>
/// <param name="NewUsername">The new username field value.</param>
/// <param name="ReNewUsername">It again; required when <c>UsernameResetConfirmRetype</c> is on.</param>
public sealed record DjoserUsernameResetConfirmRequest(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("new_" + DjoserOpenApiNames.LoginField)] string NewUsername,
    [property: JsonPropertyName("re_new_" + DjoserOpenApiNames.LoginField)] string? ReNewUsername);
