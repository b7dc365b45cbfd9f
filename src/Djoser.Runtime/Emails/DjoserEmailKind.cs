namespace Djoser.Emails;

/// <summary>The e-mails djoser 1.1 sends (spec §7).</summary>
public enum DjoserEmailKind
{
    /// <summary>The activation link after registration (and after an e-mail change while activation is on).</summary>
    Activation,

    /// <summary>"Your account has been created and is ready to use".</summary>
    Confirmation,

    /// <summary>The password reset link.</summary>
    PasswordReset,
}
