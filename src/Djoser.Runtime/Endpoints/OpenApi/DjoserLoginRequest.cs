using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>
/// The token login body. The login property's wire name is the model's username
/// field, so the document replaces <see cref="DjoserOpenApiNames.LoginField"/> with it.
/// </summary>
/// <param name="Login">The username field's value.</param>
/// <param name="Password">The password.</param>
public sealed record DjoserLoginRequest(
    [property: JsonPropertyName(DjoserOpenApiNames.LoginField)] string Login,
    [property: JsonPropertyName("password")] string Password);
