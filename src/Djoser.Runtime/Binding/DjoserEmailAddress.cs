using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Djoser.Binding;

/// <summary>Django's <c>EmailValidator</c> and <c>normalize_email</c>, so the same addresses pass and are stored alike.</summary>
public static partial class DjoserEmailAddress
{
    private static readonly IdnMapping Idn = new();

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
        if (!LocalPart().IsMatch(local))
        {
            return false;
        }

        if (domain == "localhost" || IsValidDomain(domain))
        {
            return true;
        }

        // Django retries an internationalised domain in its punycode form.
        try
        {
            var ascii = Idn.GetAscii(domain);
            return ascii != domain && IsValidDomain(ascii);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Lower-cases the domain part and keeps the local part as typed (Django's <c>normalize_email</c>).</summary>
    public static string Normalize(string value)
    {
        var at = value.LastIndexOf('@');
        return at < 0 ? value : string.Concat(value.AsSpan(0, at + 1), value[(at + 1)..].ToLowerInvariant());
    }

    private static bool IsValidDomain(string domain)
    {
        if (DomainPart().IsMatch(domain))
        {
            return true;
        }

        // A literal must hold an address Django's validate_ipv46_address accepts, not just the right characters.
        var literal = LiteralDomain().Match(domain);
        if (!literal.Success)
        {
            return false;
        }

        var address = literal.Groups[1].Value;
        return address.Contains(':', StringComparison.Ordinal)
            ? IPAddress.TryParse(address, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
            : Ipv4().IsMatch(address);
    }

    // Django's patterns; \z rather than $ because Python's \Z never matches before a final newline.
    [GeneratedRegex("""^(?:[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(?:\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*|"(?:[\x01-\x08\x0b\x0c\x0e-\x1f!#-\[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*")\z""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LocalPart();

    [GeneratedRegex("""^(?:(?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))\z""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DomainPart();

    [GeneratedRegex("""^\[([A-F0-9:.]+)\]\z""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LiteralDomain();

    [GeneratedRegex("""^(?:25[0-5]|2[0-4][0-9]|[0-1]?[0-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|[0-1]?[0-9]?[0-9])){3}\z""", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();
}
