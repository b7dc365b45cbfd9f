using System.Text.Json.Serialization;

namespace Djoser.Endpoints.OpenApi;

/// <summary>The set-password body.</summary>
/// <param name="NewPassword">The new password.</param>
/// <param name="ReNewPassword">The new password again; required when <c>SetPasswordRetype</c> is on.</param>
/// <param name="CurrentPassword">The current password.</param>
public sealed record DjoserSetPasswordRequest(
    [property: JsonPropertyName("new_password")] string NewPassword,
    [property: JsonPropertyName("re_new_password")] string? ReNewPassword,
    [property: JsonPropertyName("current_password")] string CurrentPassword);
