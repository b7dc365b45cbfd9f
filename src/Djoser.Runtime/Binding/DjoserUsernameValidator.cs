using System.Globalization;
using System.Text;

namespace Djoser.Binding;

/// <summary>
/// Django's username validators: <c>UnicodeUsernameValidator</c> (<c>^[\w.@+-]+\Z</c> over Unicode) and
/// <c>ASCIIUsernameValidator</c> (the same pattern with <c>re.ASCII</c>). Used for the username field when it is
/// Identity's <c>UserName</c> (spec §1.6); the model picks one with <see cref="DjoserUserAttribute.UsernameValidator"/>.
/// </summary>
public static class DjoserUsernameValidator
{
    /// <summary>Whether <paramref name="value"/> is a non-empty run of word characters, <c>.</c>, <c>@</c>, <c>+</c> and <c>-</c>.</summary>
    /// <param name="value">The (already trimmed) username.</param>
    /// <param name="asciiOnly">Django's <c>ASCIIUsernameValidator</c> instead of the Unicode one.</param>
    public static bool IsValid(string value, bool asciiOnly)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var rune in value.EnumerateRunes())
        {
            if (!IsAllowed(rune, asciiOnly))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllowed(Rune rune, bool asciiOnly)
    {
        if (rune.Value is '.' or '@' or '+' or '-' or '_')
        {
            return true;
        }

        if (asciiOnly)
        {
            return rune.IsAscii && Rune.IsLetterOrDigit(rune);
        }

        // Python's \w on str is str.isalnum() or '_': the letter categories and the numeric ones (Nd, Nl, No).
        // .NET's \w differs (it adds combining marks and connector punctuation, drops Nl/No), so no Regex here.
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return true;
            default:
                return false;
        }
    }
}
