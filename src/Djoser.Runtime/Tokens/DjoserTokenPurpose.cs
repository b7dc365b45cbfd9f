namespace Djoser.Tokens;

/// <summary>What an e-mailed one-time token is for; a token of one purpose never validates for another.</summary>
public enum DjoserTokenPurpose
{
    /// <summary>Account activation.</summary>
    Activation,

    /// <summary>Password reset.</summary>
    PasswordReset,

    /// <summary>Username reset (djoser 2.x's <c>username_reset</c> e-mail); the same rules as a password reset token (spec §6.2).</summary>
    UsernameReset,

    /// <summary>
    /// Beyond djoser: confirming an e-mail change. The confirm accepts only tokens whose Identity purpose also names the
    /// new address (<c>DjoserEmailChangeTokens</c>); one minted through <see cref="IDjoserUserTokens{TUser}"/> names none,
    /// so it never confirms a change.
    /// </summary>
    EmailChange,
}
