using System.Text.RegularExpressions;

namespace Djoser.Binding;

/// <summary>Django's <c>EmailValidator</c> and <c>normalize_email</c>, so the same addresses pass and are stored alike.</summary>
public static partial class DjoserEmailAddress
{
    /// <summary>Whether <paramref name="value"/> is an address Django's validator accepts.</summary>
    public static bool IsValid(string value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.Length > 320)
        {
            return false;
        }

        var local = value[..at];
        var domain = value[(at + 1)..];
        return LocalPart().IsMatch(local)
            && (domain == "localhost" || DomainPart().IsMatch(domain) || LiteralDomain().IsMatch(domain));
    }

    /// <summary>Lower-cases the domain part and keeps the local part as typed (Django's <c>normalize_email</c>).</summary>
    public static string Normalize(string value)
    {
        var at = value.LastIndexOf('@');
        return at < 0 ? value : string.Concat(value.AsSpan(0, at + 1), value[(at + 1)..].ToLowerInvariant());
    }

    [GeneratedRegex("""^([-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*|"([\x01-\x08\x0b\x0c\x0e-\x1f!#-\[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0d-\x7f])*")$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LocalPart();

    [GeneratedRegex("""^((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DomainPart();

    [GeneratedRegex("""^\[[0-9a-fA-F:.]+\]$""", RegexOptions.CultureInvariant)]
    private static partial Regex LiteralDomain();
}
