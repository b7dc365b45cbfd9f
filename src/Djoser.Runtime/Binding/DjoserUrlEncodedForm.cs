using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Djoser.Binding;

/// <summary>
/// Reads an <c>application/x-www-form-urlencoded</c> body as Django's <c>QueryDict</c> does (spec §1.8): the body is
/// decoded in the declared charset (ISO-8859-1 if it is not valid in it), split on <c>&amp;</c>, <c>+</c> is a space,
/// and each name and value is percent-decoded in the charset with undecodable bytes as U+FFFD. Nothing in a value is
/// refused here: a NUL is the field's own error later ("Null characters are not allowed."), as in JSON, where
/// ASP.NET's form reader refused the whole body.
/// </summary>
internal static class DjoserUrlEncodedForm
{
    /// <summary>The fields of <paramref name="bytes"/>, or false when there are more than <paramref name="maxFields"/>.</summary>
    /// <param name="bytes">The whole body.</param>
    /// <param name="encoding">The declared charset; <see langword="null"/> for UTF-8.</param>
    /// <param name="maxFields">Django's <c>DATA_UPLOAD_MAX_NUMBER_FIELDS</c>.</param>
    /// <param name="form">The fields, repeated names keeping every value in order.</param>
    public static bool TryParse(byte[] bytes, Encoding? encoding, int maxFields, out FormCollection form)
    {
        encoding ??= Encoding.UTF8;
        var text = DecodeBody(bytes, encoding);
        var lenient = (Encoding)encoding.Clone();
        lenient.DecoderFallback = new DecoderReplacementFallback("\uFFFD");

        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        var count = 0;
        foreach (var pair in text.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            if (++count > maxFields)
            {
                form = FormCollection.Empty;
                return false;
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Unquote(equals < 0 ? pair : pair[..equals], lenient);
            var value = equals < 0 ? string.Empty : Unquote(pair[(equals + 1)..], lenient);
            fields[name] = fields.TryGetValue(name, out var seen) ? StringValues.Concat(seen, value) : new StringValues(value);
        }

        form = new FormCollection(fields);
        return true;
    }

    /// <summary>Django: "query_string normally contains URL-encoded data, a subset of ASCII", else ISO-8859-1.</summary>
    private static string DecodeBody(byte[] bytes, Encoding encoding)
    {
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try
        {
            return strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>
    /// Python's <c>unquote(text.replace('+', ' '), encoding, 'replace')</c>: text without <c>%</c> is kept; otherwise each
    /// run of ASCII characters becomes bytes (<c>%XX</c> as the byte, a <c>%</c> without two hex digits as itself) decoded
    /// in the charset, and other characters stay.
    /// </summary>
    private static string Unquote(string text, Encoding encoding)
    {
        text = text.Replace('+', ' ');
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var run = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c > 0x7F)
            {
                Flush(run, result, encoding);
                result.Append(c);
            }
            else if (c == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                run.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else
            {
                run.Add((byte)c);
            }
        }

        Flush(run, result, encoding);
        return result.ToString();
    }

    private static void Flush(List<byte> run, StringBuilder result, Encoding encoding)
    {
        if (run.Count > 0)
        {
            result.Append(encoding.GetString([.. run]));
            run.Clear();
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
