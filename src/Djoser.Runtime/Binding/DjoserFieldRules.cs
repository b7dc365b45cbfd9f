namespace Djoser.Binding;

/// <summary>How a body field is validated, after DRF's field arguments (<c>required</c>, <c>allow_null</c>, <c>allow_blank</c>).</summary>
[Flags]
public enum DjoserFieldRules
{
    /// <summary>Optional, not nullable, not blank.</summary>
    None = 0,

    /// <summary>Absence is "This field is required.".</summary>
    Required = 1,

    /// <summary>JSON <c>null</c> is accepted.</summary>
    AllowNull = 2,

    /// <summary>An empty (or all-whitespace) string is accepted.</summary>
    AllowBlank = 4,

    /// <summary>The string must be an e-mail address; its domain is lower-cased as Django's <c>normalize_email</c> does.</summary>
    Email = 8,

    /// <summary>Leading and trailing whitespace is kept (DRF trims by default; passwords in djoser trim too).</summary>
    KeepWhitespace = 16,

    /// <summary>
    /// The string must pass Django's <c>UnicodeUsernameValidator</c>: letters, digits and <c>@ . + - _</c>
    /// (see <see cref="DjoserUsernameValidator"/>).
    /// </summary>
    UnicodeUsername = 32,

    /// <summary>The string must pass Django's <c>ASCIIUsernameValidator</c>: ASCII letters, digits and <c>@ . + - _</c>.</summary>
    AsciiUsername = 64,
}
