using Microsoft.AspNetCore.Identity;

namespace Djoser.Binding;

/// <summary>
/// Identity's lookup key (Unicode NFC, then upper case, as <see cref="UpperInvariantLookupNormalizer"/>) for any text a
/// client sends. .NET refuses to normalize U+FFFE or an unpaired surrogate and throws, so a login or e-mail holding
/// one was a 500; Python normalizes them, and Django's lookup then finds nobody (issue 11).
/// </summary>
/// <remarks>
/// Text that cannot be normalized is only upper-cased. Every stored key went through normalization, so it never
/// holds those code points: such a key matches no user, which is the answer Django gives.
/// </remarks>
internal sealed class DjoserLookupNormalizer : ILookupNormalizer
{
    /// <inheritdoc/>
    public string? NormalizeName(string? name) => Normalize(name);

    /// <inheritdoc/>
    public string? NormalizeEmail(string? email) => Normalize(email);

    private static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return text.Normalize().ToUpperInvariant();
        }
        catch (ArgumentException)
        {
            // Which code points .NET refuses depends on the platform's Unicode library (ICU refuses U+FFFE and
            // unpaired surrogates), so the refusal itself is the test. Only hostile input gets here.
            return text.ToUpperInvariant();
        }
    }
}
