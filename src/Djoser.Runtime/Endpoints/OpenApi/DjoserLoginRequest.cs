using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>The token login body: the model's username field and the password.</summary>
/// <remarks>The document names the login property after the model's login field (<see cref="DjoserOpenApiNames.LoginField"/>).</remarks>
/// <param name="Login">The username field's value.</param>
/// <param name="Password">The password.</param>
public sealed record DjoserLoginRequest(
    [property: JsonPropertyName(DjoserOpenApiNames.LoginField)] string Login,
    [property: JsonPropertyName("password")] string Password);
