namespace Djoser.IntegrationTests;

/// <summary>The sample with every retype and reporting switch on.</summary>
public sealed class StrictDjoserApp() : DjoserApp(new Dictionary<string, string?>
{
    ["Djoser:SetUsernameRetype"] = "true",
    ["Djoser:SetPasswordRetype"] = "true",
    ["Djoser:PasswordResetConfirmRetype"] = "true",
    ["Djoser:PasswordResetShowEmailNotFound"] = "true",
    ["Djoser:LogoutOnPasswordChange"] = "true",
    ["Djoser:SendConfirmationEmail"] = "true",
});

/// <summary>The sample on djoser 2.3's layout, with 2.x's confirmation e-mails on.</summary>
public class V2DjoserApp() : DjoserApp(new Dictionary<string, string?>
{
    ["Djoser:UrlLayout"] = "V2",
    ["Djoser:UsernameResetConfirmUrl"] = "#/username/reset/confirm/{uid}/{token}",
    ["Djoser:PasswordChangedEmailConfirmation"] = "true",
    ["Djoser:UsernameChangedEmailConfirmation"] = "true",
});

/// <summary>djoser 2.3's layout with every retype and show-not-found switch on and the user list open.</summary>
public sealed class StrictV2DjoserApp() : DjoserApp(new Dictionary<string, string?>
{
    ["Djoser:UrlLayout"] = "V2",
    ["Djoser:UsernameResetConfirmUrl"] = "#/username/reset/confirm/{uid}/{token}",
    ["Djoser:UserCreatePasswordRetype"] = "true",
    ["Djoser:PasswordResetConfirmRetype"] = "true",
    ["Djoser:UsernameResetConfirmRetype"] = "true",
    ["Djoser:UsernameResetShowEmailNotFound"] = "true",
    ["Djoser:HideUsers"] = "false",
});

/// <summary>The sample on djoser 0.5.3's layout.</summary>
public sealed class V05DjoserApp() : DjoserApp(new Dictionary<string, string?> { ["Djoser:UrlLayout"] = "V05" });
