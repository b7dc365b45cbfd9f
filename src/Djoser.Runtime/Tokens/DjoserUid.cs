using System.Buffers.Text;
using System.Text;

namespace Djoser.Tokens;

/// <summary>
/// djoser's <c>uid</c> (spec §6.1): the URL-safe base64 of the UTF-8 text of the user's primary key, padding stripped
/// (pk <c>1</c> → <c>MQ</c>, pk <c>12</c> → <c>MTI</c>).
/// </summary>
public static class DjoserUid
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes the primary key's text, e.g. <c>"1"</c> → <c>"MQ"</c>.</summary>
    /// <param name="id">The user's primary key as text (Identity's <c>UserManager.GetUserIdAsync</c>).</param>
    public static string Encode(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));
    }

    /// <summary>
    /// Decodes a <c>uid</c> back to the primary key's text. Fails (returns <c>false</c>) on an empty value, characters
    /// outside the URL-safe base64 alphabet, a wrong length, or bytes that are not UTF-8; the caller answers
    /// <c>INVALID_UID</c> then, and also when no user has the decoded key.
    /// </summary>
    /// <param name="uid">The <c>uid</c> from the request; trailing <c>=</c> padding is accepted.</param>
    /// <param name="id">The primary key's text when decoding succeeded; otherwise empty.</param>
    public static bool TryDecode(string? uid, out string id)
    {
        id = "";
        if (string.IsNullOrEmpty(uid) || uid.Length > 4096)
        {
            return false;
        }

        var trimmed = uid.AsSpan().TrimEnd('=');
        foreach (var c in trimmed)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        if (trimmed.Length == 0 || trimmed.Length % 4 == 1)
        {
            return false;
        }

        // Python's decoder ignores the unused low bits of the last character ("MR" decodes like "MQ"); .NET's throws
        // on them (TryDecodeFromChars throws FormatException on malformed input), so clear them first.
        var chars = trimmed.ToArray();
        var unusedBits = chars.Length % 4 == 2 ? 4 : chars.Length % 4 == 3 ? 2 : 0;
        if (unusedBits > 0)
        {
            var value = Alphabet.IndexOf(chars[^1], StringComparison.Ordinal);
            chars[^1] = Alphabet[value & ~((1 << unusedBits) - 1)];
        }

        try
        {
            id = StrictUtf8.GetString(Base64Url.DecodeFromChars(chars));
            return true;
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            id = "";
            return false;
        }
    }
}
