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
