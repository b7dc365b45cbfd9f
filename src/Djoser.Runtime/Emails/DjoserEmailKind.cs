namespace Djoser.Emails;

/// <summary>The e-mails djoser sends (spec §7): the first three since 1.x, the next three added by djoser 2.x, the last two beyond djoser.</summary>
public enum DjoserEmailKind
{
    /// <summary>The activation link after registration (and after an e-mail change while activation is on).</summary>
    Activation,

    /// <summary>"Your account has been created and is ready to use".</summary>
    Confirmation,

    /// <summary>The password reset link.</summary>
    PasswordReset,

    /// <summary>djoser 2.x's <c>password_changed_confirmation</c>: "Your password has been changed!", no link.</summary>
    PasswordChanged,

    /// <summary>djoser 2.x's <c>username_reset</c>: the username reset link (<see cref="Configuration.DjoserOptions.UsernameResetConfirmUrl"/>).</summary>
    UsernameReset,

    /// <summary>djoser 2.x's <c>username_changed_confirmation</c>: "Your username has been changed!", no link.</summary>
    UsernameChanged,

    /// <summary>
    /// Beyond djoser, with <c>Djoser:Email:ConfirmEmailChange</c>: to the new address, the link that makes the change
    /// (<see cref="Configuration.DjoserOptions.EmailChangeConfirmUrl"/>).
    /// </summary>
    EmailChangeConfirmation,

    /// <summary>Beyond djoser, with <c>Djoser:Email:ConfirmEmailChange</c>: to the old address, a notice of the asked change, no link.</summary>
    EmailChangeNotice,
}
