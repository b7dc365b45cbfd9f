using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>The password reset confirm body.</summary>
/// <param name="Uid">The user's id from the e-mailed link.</param>
/// <param name="Token">The token from the e-mailed link.</param>
/// <param name="NewPassword">The new password.</param>
/// <param name="ReNewPassword">The new password again; required when <c>PasswordResetConfirmRetype</c> is on.</param>
public sealed record DjoserPasswordResetConfirmRequest(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("new_password")] string NewPassword,
    [property: JsonPropertyName("re_new_password")] string? ReNewPassword);
