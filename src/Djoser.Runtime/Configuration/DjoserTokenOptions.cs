namespace Djoser.Configuration;

/// <summary>
/// Beyond djoser, opt-in: how DRF-style auth tokens live (<c>Djoser:Token:*</c>). Left alone, a token is djoser's:
/// one permanent key per user that every login returns.
/// </summary>
public sealed class DjoserTokenOptions
{
    /// <summary>
    /// How long a token authenticates, e.g. <c>30.00:00:00</c>; after it the token answers 401 "Invalid token." and is
    /// deleted, and the next login issues a new key. Unset (the default) = never expires, as in djoser.
    /// </summary>
    public TimeSpan? Lifetime { get; set; }

    /// <summary>
    /// Whether <see cref="Lifetime"/> counts from the login (<see cref="DjoserTokenExpiration.Absolute"/>, the default)
    /// or from the last authenticated use (<see cref="DjoserTokenExpiration.Sliding"/>).
    /// </summary>
    public DjoserTokenExpiration Expiration { get; set; } = DjoserTokenExpiration.Absolute;

    /// <summary>
    /// Each login issues a new token named after its device (the login's <c>device</c> field, else its User-Agent); the
    /// user lists them at <c>/token/devices/</c>, revokes one, or logs out everywhere. Only the key's hash is stored, so
    /// nothing reversible is kept. Default false: one token per user, returned by every login.
    /// </summary>
    public bool PerDevice { get; set; }

    /// <summary>Whether any opt-in changes djoser's one permanent token per user.</summary>
    internal bool IsDefault => Lifetime is null && !PerDevice;

    /// <summary>
    /// How often an authenticated use may write to its token (the sliding expiry, <c>last_used</c>): a tenth of the
    /// lifetime, or a minute without one, so the hot path does not write on every request.
    /// </summary>
    internal TimeSpan TouchInterval => Lifetime is { } lifetime ? lifetime / 10 : TimeSpan.FromMinutes(1);

    /// <summary>Whether authenticated uses write to their token at all: only a sliding expiry or the device list needs it.</summary>
    internal bool Touches => PerDevice || (Lifetime is not null && Expiration == DjoserTokenExpiration.Sliding);
}

/// <summary>How <see cref="DjoserTokenOptions.Lifetime"/> counts.</summary>
public enum DjoserTokenExpiration
{
    /// <summary>From the login: the token dies a fixed time after it was issued.</summary>
    Absolute,

    /// <summary>From the last use: each authenticated request pushes the expiry back.</summary>
    Sliding,
}
