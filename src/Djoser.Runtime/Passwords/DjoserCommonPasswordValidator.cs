using System.Text;
using Djoser.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Passwords;

/// <summary>
/// Django's <c>CommonPasswordValidator</c> with Django's own list of 19,727 common passwords (see
/// <c>Passwords/THIRD-PARTY-NOTICES.md</c>), compared lower-cased and trimmed.
/// </summary>
internal sealed class DjoserCommonPasswordValidator<TUser>(IOptions<DjoserPasswordOptions> options) : IPasswordValidator<TUser>
    where TUser : class
{
    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password)
    {
        return options.Value.Enabled && password is not null && CommonPasswords.Contains(password)
            ? DjoserPasswordErrors.Fail(DjoserPasswordErrors.TooCommon, DjoserMessages.PasswordTooCommon)
            : DjoserPasswordErrors.Success;
    }
}

/// <summary>The embedded common-password list, loaded once on first use.</summary>
internal static class CommonPasswords
{
    private static readonly Lazy<CommonPasswordList> List = new(CommonPasswordList.LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => List.Value.Count;

    /// <summary>Whether the password, lower-cased and trimmed (Django: <c>password.lower().strip()</c>), is on the list.</summary>
    public static bool Contains(string password) => List.Value.Contains(password.ToLowerInvariant().Trim());
}

/// <summary>
/// A set of ASCII passwords kept as one sorted text, one password per line, and searched in place by bisection. Django's
/// 19,727 entries take the file's 163 KB this way: no index, no decompression (so no System.IO.Compression at run time)
/// and nothing else kept on the heap (issue 13).
/// </summary>
internal sealed class CommonPasswordList
{
    private const string ResourceName = "Djoser.Passwords.common-passwords.txt";

    // Lines separated by '\n', strictly ascending in byte order (so distinct), none empty or with surrounding whitespace.
    private readonly byte[] _text;
    private readonly int _longest;

    private CommonPasswordList(byte[] text, int count, int longest)
    {
        _text = text;
        Count = count;
        _longest = longest;
    }

    /// <summary>How many distinct passwords the list holds.</summary>
    public int Count { get; }

    /// <summary>Whether <paramref name="password"/> is on the list, exactly (no case folding or trimming here).</summary>
    public bool Contains(string password)
    {
        // The list is ASCII (checked when it is read), so a password with any other character is not on it.
        if (password.Length == 0 || password.Length > _longest || !Ascii.IsValid(password))
        {
            return false;
        }

        Span<byte> key = stackalloc byte[password.Length];
        Ascii.FromUtf16(password, key, out _);

        // [low, high) always holds whole lines: low is a line's start, high the end of the text or just past a '\n'.
        var text = _text.AsSpan();
        var low = 0;
        var high = text.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var start = text[low..middle].LastIndexOf((byte)'\n') + 1 + low;
            var length = text[start..high].IndexOf((byte)'\n');
            var end = length < 0 ? high : start + length;
            var order = key.SequenceCompareTo(text[start..end]);
            if (order == 0)
            {
                return true;
            }

            if (order < 0)
            {
                high = start;
            }
            else
            {
                low = end + 1;
            }
        }

        return false;
    }

    /// <summary>The embedded list: Django's passwords, trimmed, distinct and sorted, one per line.</summary>
    public static CommonPasswordList LoadEmbedded()
    {
        using var resource = typeof(CommonPasswordList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from Djoser.Runtime.");
        var text = new byte[resource.Length];
        resource.ReadExactly(text);
        return FromSorted(text);
    }

    /// <summary>
    /// The list over <paramref name="text"/>, which it keeps: one password per line, each line '\n'-terminated (the last
    /// may be unterminated), in strictly ascending byte order, with no empty line and no whitespace around a password.
    /// The text is checked once here, so a search can rely on it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The text is not such a list.</exception>
    internal static CommonPasswordList FromSorted(byte[] text)
    {
        if (!Ascii.IsValid(text))
        {
            throw new InvalidOperationException("The common-password list must be ASCII: it is compared byte by byte.");
        }

        var count = 0;
        var longest = 0;
        var previous = ReadOnlySpan<byte>.Empty;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var length = rest.IndexOf((byte)'\n');
            var line = length < 0 ? rest : rest[..length];
            rest = length < 0 ? [] : rest[(length + 1)..];
            if (line.IsEmpty || line.Trim(" \t\r\v\f"u8).Length != line.Length)
            {
                throw new InvalidOperationException($"Line {count + 1} of the common-password list is empty or has whitespace around it.");
            }

            if (count > 0 && previous.SequenceCompareTo(line) >= 0)
            {
                throw new InvalidOperationException($"Line {count + 1} of the common-password list is out of order or repeated: the list is searched by bisection.");
            }

            previous = line;
            longest = Math.Max(longest, line.Length);
            count++;
        }

        return new CommonPasswordList(text, count, longest);
    }
}
