namespace Djoser.Throttling;

/// <summary>
/// Throttling of djoser's anonymous endpoints (<c>Djoser:Throttling:*</c>), DRF's throttles by another name: each
/// <see cref="DjoserThrottleGroup"/> has a rate per client address, and login also one per submitted username. A
/// request over a rate answers 429 with <c>Retry-After</c> and DRF's <c>{"detail": "Request was throttled. …"}</c>.
/// </summary>
public sealed class DjoserThrottlingOptions
{
    /// <summary>Whether any djoser endpoint is throttled. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Token login and JWT create, per client address. Default 10 per minute.</summary>
    public DjoserThrottleRateOptions Login { get; set; } = new(10, TimeSpan.FromMinutes(1));

    /// <summary>Token login and JWT create, per submitted username (normalised as Identity normalises it). Default 5 per minute.</summary>
    public DjoserThrottleRateOptions LoginUsername { get; set; } = new(5, TimeSpan.FromMinutes(1));

    /// <summary>Registration, per client address. Default 10 per hour.</summary>
    public DjoserThrottleRateOptions Register { get; set; } = new(10, TimeSpan.FromHours(1));

    /// <summary>Password and username reset, per client address. Default 10 per hour.</summary>
    public DjoserThrottleRateOptions Reset { get; set; } = new(10, TimeSpan.FromHours(1));

    /// <summary>Resending the activation e-mail, per client address. Default 5 per hour.</summary>
    public DjoserThrottleRateOptions ResendActivation { get; set; } = new(5, TimeSpan.FromHours(1));

    /// <summary>Activation and the uid/token confirms, per client address. Default 20 per minute.</summary>
    public DjoserThrottleRateOptions Confirm { get; set; } = new(20, TimeSpan.FromMinutes(1));

    /// <summary>The options of <paramref name="group"/> per client address.</summary>
    public DjoserThrottleRateOptions Of(DjoserThrottleGroup group) => group switch
    {
        DjoserThrottleGroup.Login => Login,
        DjoserThrottleGroup.Register => Register,
        DjoserThrottleGroup.Reset => Reset,
        DjoserThrottleGroup.ResendActivation => ResendActivation,
        DjoserThrottleGroup.Confirm => Confirm,
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "No throttle options are defined for this group."),
    };
}

/// <summary>One throttle rate of <c>Djoser:Throttling</c>: <see cref="PermitLimit"/> requests per <see cref="Window"/>, or DRF's <see cref="Rate"/> string.</summary>
public sealed class DjoserThrottleRateOptions
{
    /// <summary>A rate of <paramref name="permitLimit"/> per <paramref name="window"/>.</summary>
    public DjoserThrottleRateOptions(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit;
        Window = window;
    }

    /// <summary>An empty rate; set <see cref="PermitLimit"/> and <see cref="Window"/>, or <see cref="Rate"/>.</summary>
    public DjoserThrottleRateOptions()
    {
    }

    /// <summary>Whether this rate is applied. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The requests allowed per <see cref="Window"/>, at least 1.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The window's length, positive.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>DRF's rate syntax (<c>"10/min"</c>, <c>"100/day"</c>); when set it replaces <see cref="PermitLimit"/> and <see cref="Window"/>.</summary>
    public string? Rate { get; set; }

    /// <summary>The rate in force; the options were validated at start-up.</summary>
    internal DjoserThrottleRate Effective =>
        DjoserThrottleRate.TryParse(Rate, out var parsed) ? parsed : new DjoserThrottleRate(PermitLimit, Window);
}

/// <summary>
/// Identity's lockout after repeated wrong passwords (<c>Djoser:Lockout:*</c>), applied by token login, both JWT
/// logins and HTTP Basic. A locked-out account answers exactly as a wrong password does unless
/// <see cref="ShowLockedOut"/>.
/// </summary>
public sealed class DjoserLockoutOptions
{
    /// <summary>Whether wrong passwords lock an account out. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The wrong passwords in a row that lock the account (Identity's <c>MaxFailedAccessAttempts</c>). Default 5.</summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>How long the account stays locked (Identity's <c>DefaultLockoutTimeSpan</c>). Default 5 minutes.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Opt-in: a locked-out account answers <see cref="DjoserThrottleMessages.LockedOut"/> (under
    /// <c>non_field_errors</c>, or as the 401 <c>detail</c>) instead of the wrong-password answer, which tells an
    /// attacker the account exists. Default false.
    /// </summary>
    public bool ShowLockedOut { get; set; }
}
