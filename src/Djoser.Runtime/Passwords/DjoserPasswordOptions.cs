namespace Djoser.Passwords;

/// <summary>
/// Thresholds of djoser's password validators, bound from <c>Djoser:Password</c>. The defaults are Django's
/// <c>AUTH_PASSWORD_VALIDATORS</c> defaults.
/// </summary>
public sealed class DjoserPasswordOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Djoser:Password";

    /// <summary>
    /// Whether Django's four validators run at all (<c>AUTH_PASSWORD_VALIDATORS</c> with them, or empty as in djoser's
    /// test projects). Validators of your own registered with Identity run either way. Default true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Django's <c>MinimumLengthValidator.min_length</c>: the fewest characters a password may have. Default 8.</summary>
    public int MinimumLength { get; set; } = 8;

    /// <summary>
    /// Django's <c>UserAttributeSimilarityValidator.max_similarity</c>: a password whose similarity ratio to a user
    /// attribute reaches this value is rejected. At least 0.1. Default 0.7.
    /// </summary>
    public double MaxSimilarity { get; set; } = 0.7;
}
