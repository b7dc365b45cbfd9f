using Djoser.Authorization;
using Djoser.Configuration;
using Djoser.Endpoints.Actions;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Endpoints.Layouts;

/// <summary>
/// The opt-in link checks (<c>Djoser:LinkCheckEndpoints</c>): <c>check/</c> under each confirm URL of a layout, with
/// the confirm's permission. Not djoser's, so kept apart from the layouts' own tables.
/// </summary>
internal static class DjoserLinkCheckRows<TUser, TKey>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    public static IEnumerable<DjoserEndpointRow<TUser>> For(DjoserUrlLayout layout, string usernameField) => layout switch
    {
        DjoserUrlLayout.V05 =>
        [
            Check("/activate/check/", "activate-check", DjoserPermission.Activation, DjoserTokenPurpose.Activation),
            Check("/password/reset/confirm/check/", "password_reset_confirm-check", DjoserPermission.PasswordResetConfirm, DjoserTokenPurpose.PasswordReset),
        ],
        DjoserUrlLayout.V1 =>
        [
            Check("/users/activate/check/", "user-activate-check", DjoserPermission.Activation, DjoserTokenPurpose.Activation),
            Check("/password/reset/confirm/check/", "password_reset_confirm-check", DjoserPermission.PasswordResetConfirm, DjoserTokenPurpose.PasswordReset),
        ],
        DjoserUrlLayout.V2 =>
        [
            Check("/users/activation/check/", "user-activation-check", DjoserPermission.Activation, DjoserTokenPurpose.Activation),
            Check("/users/reset_password_confirm/check/", "user-reset-password-confirm-check", DjoserPermission.PasswordResetConfirm, DjoserTokenPurpose.PasswordReset),
            Check($"/users/reset_{usernameField}_confirm/check/", $"user-reset-{usernameField}-confirm-check", DjoserPermission.UsernameResetConfirm, DjoserTokenPurpose.UsernameReset),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "No link checks are defined for this layout."),
    };

    private static DjoserEndpointRow<TUser> Check(string path, string urlName, DjoserPermission permission, DjoserTokenPurpose purpose) =>
        new(path, urlName, "Check an e-mailed uid and token without using them", permission,
            [new(HttpMethods.Post, services => ActivatorUtilities.CreateInstance<CheckLinkAction<TUser, TKey>>(services, purpose), DjoserTarget.None)]);
}
