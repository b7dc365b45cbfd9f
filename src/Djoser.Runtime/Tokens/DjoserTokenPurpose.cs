namespace Djoser.Tokens;

/// <summary>What an e-mailed one-time token is for; a token of one purpose never validates for another.</summary>
public enum DjoserTokenPurpose
{
    /// <summary>Account activation.</summary>
    Activation,

    /// <summary>Password reset.</summary>
    PasswordReset,
}
