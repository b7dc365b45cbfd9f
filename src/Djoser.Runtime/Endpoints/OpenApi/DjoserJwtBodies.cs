using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>
/// The JWT login body: the model's username field (never its login field, which JWT login does not read) and the
/// password.
/// </summary>
/// <remarks>The document names the first property after the model's username field (<see cref="DjoserOpenApiNames.UsernameField"/>).</remarks>
/// <param name="Username">The username field's value.</param>
/// <param name="Password">The password.</param>
public sealed record DjoserJwtLoginRequest(
    [property: JsonPropertyName(DjoserOpenApiNames.UsernameField)] string Username,
    [property: JsonPropertyName("password")] string Password);

/// <summary><c>{"token": "…"}</c>: djangorestframework-jwt's answers, and the body of verify (and of drf-jwt's refresh).</summary>
/// <param name="Token">A JWT.</param>
public sealed record DjoserJwtTokenBody(
    [property: JsonPropertyName("token")] string Token);

/// <summary>The body of simplejwt's refresh (and of the opt-in JWT logout).</summary>
/// <param name="Refresh">A refresh JWT.</param>
public sealed record DjoserJwtRefreshRequest(
    [property: JsonPropertyName("refresh")] string Refresh);

/// <summary>simplejwt's login answer.</summary>
/// <param name="Refresh">The refresh JWT: send it to <c>/jwt/refresh/</c> for new access tokens.</param>
/// <param name="Access">The access JWT: send it as the Authorization header, after the word JWT or Bearer.</param>
public sealed record DjoserJwtPairResponse(
    [property: JsonPropertyName("refresh")] string Refresh,
    [property: JsonPropertyName("access")] string Access);

/// <summary>simplejwt's refresh answer.</summary>
/// <param name="Access">A new access JWT.</param>
/// <param name="Refresh">A new refresh JWT, only with <c>Djoser:Jwt:RotateRefreshTokens</c>.</param>
public sealed record DjoserJwtAccessResponse(
    [property: JsonPropertyName("access")] string Access,
    [property: JsonPropertyName("refresh")] string? Refresh);

/// <summary>An empty JSON object, <c>{}</c>.</summary>
public sealed record DjoserEmptyObject;
