namespace Djoser.Throttling;

/// <summary>
/// The groups of djoser endpoints that share a throttle rate (<c>Djoser:Throttling:&lt;Group&gt;</c>), as DRF's
/// <c>ScopedRateThrottle</c> scopes; <see cref="DjoserThrottleGroups"/> says which URL belongs to which.
/// </summary>
public enum DjoserThrottleGroup
{
    /// <summary>Token login and JWT create (both eras): per client address, and per submitted username.</summary>
    Login,

    /// <summary>Registration.</summary>
    Register,

    /// <summary>Password and username reset (each sends an e-mail).</summary>
    Reset,

    /// <summary>Resending the activation e-mail.</summary>
    ResendActivation,

    /// <summary>Activation and the uid/token confirms (and their opt-in link checks), which guess tokens.</summary>
    Confirm,
}
