using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Djoser.Binding;

/// <summary>
/// How Python spells a JSON value after <c>json.loads</c>: DRF's <c>CharField</c> stores <c>str(data)</c> of a number and
/// its messages quote <c>str(input)</c>, so the texts a client sees follow Python, not .NET.
/// </summary>
internal static class PythonText
{
    /// <summary><c>str(value)</c> of a parsed JSON value (<c>True</c>, <c>None</c>, <c>12.5</c>, <c>['a', 1]</c>).</summary>
    public static string Str(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        _ => Repr(element),
    };

    /// <summary><c>str(n)</c> of a JSON number: an exact integer, or the shortest <c>repr</c> of a float.</summary>
    public static string Number(JsonElement number)
    {
        var raw = number.GetRawText();

        // Python's json module makes a float of any number with a fraction or an exponent, an int of the rest.
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            return raw == "-0" ? "0" : raw;
        }

        return Float(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>Whether Python's json module reads this number as an <c>int</c> (not a <c>float</c>).</summary>
    public static bool IsInt(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    /// <summary><c>repr(float)</c>: shortest round-trip digits, positional between 1e-4 and 1e16, else <c>1e+16</c>.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        if (negative)
        {
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? text : string.Concat(text.AsSpan(0, point), text.AsSpan(point + 1));
        var decimalPoint = (point < 0 ? text.Length : point) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        decimalPoint -= leadingZeros;

        var builder = new StringBuilder(negative ? "-" : string.Empty);
        if (digits.Length == 0)
        {
            return builder.Append("0.0").ToString();
        }

        if (decimalPoint is > -4 and <= 16)
        {
            if (decimalPoint <= 0)
            {
                builder.Append("0.").Append('0', -decimalPoint).Append(digits);
            }
            else if (decimalPoint >= digits.Length)
            {
                builder.Append(digits).Append('0', decimalPoint - digits.Length).Append(".0");
            }
            else
            {
                builder.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
            }

            return builder.ToString();
        }

        builder.Append(digits[0]);
        if (digits.Length > 1)
        {
            builder.Append('.').Append(digits, 1, digits.Length - 1);
        }

        var shown = decimalPoint - 1;
        return builder.Append(shown < 0 ? "e-" : "e+")
            .Append(Math.Abs(shown).ToString("00", CultureInfo.InvariantCulture))
            .ToString();
    }

    /// <summary>Python's <c>str.strip()</c>: .NET's white space plus the four information separators Python also strips.</summary>
    public static string Strip(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>The number of characters Python's <c>len</c> counts (code points, not UTF-16 units).</summary>
    public static int Length(string text)
    {
        var length = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            length++;
        }

        return length;
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    private static string Repr(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return "True";
            case JsonValueKind.False:
                return "False";
            case JsonValueKind.Null:
                return "None";
            case JsonValueKind.Number:
                return Number(element);
            case JsonValueKind.String:
                return ReprString(element.GetString()!);
            case JsonValueKind.Array:
                return "[" + string.Join(", ", element.EnumerateArray().Select(Repr)) + "]";
            case JsonValueKind.Object:
                return "{" + string.Join(", ", element.EnumerateObject().Select(p => ReprString(p.Name) + ": " + Repr(p.Value))) + "}";
            default:
                return string.Empty;
        }
    }

    private static string ReprString(string value)
    {
        // Single quotes unless the text holds one and no double quote, as repr() chooses.
        var quote = value.Contains('\'', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder().Append(quote);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '\n' => builder.Append(@"\n"),
                '\r' => builder.Append(@"\r"),
                '\t' => builder.Append(@"\t"),
                _ when c == quote => builder.Append('\\').Append(c),
                _ when c < ' ' || c == '\x7f' => builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append(quote).ToString();
    }
}
