using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
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
/// A set of ASCII passwords packed into one byte array, with an open-addressing table of entry numbers over it. Django's
/// 19,727 entries take ~0.4 MB this way and load in a few milliseconds; as strings in a frozen set they kept ~2 MB of
/// the heap for good (issue 13).
/// </summary>
internal sealed class CommonPasswordList
{
    private const string ResourceName = "Djoser.Passwords.common-passwords.txt.gz";

    // Entry i is _text[_starts[i].._starts[i + 1]]; _starts has one element more than there are entries.
    private readonly byte[] _text;
    private readonly int[] _starts;

    // Entry number + 1 by hash, linear probing, 0 when free; at most two-thirds full, so probes stay short.
    private readonly int[] _slots;

    private CommonPasswordList(byte[] text, int[] starts, int[] slots)
    {
        _text = text;
        _starts = starts;
        _slots = slots;
    }

    /// <summary>How many distinct passwords the list holds.</summary>
    public int Count => _starts.Length - 1;

    /// <summary>Whether <paramref name="password"/> is on the list, exactly (no case folding or trimming here).</summary>
    public bool Contains(string password)
    {
        // The list is ASCII (checked when it is read), so a password with any other character is not on it.
        if (!Ascii.IsValid(password))
        {
            return false;
        }

        var mask = _slots.Length - 1;
        for (var slot = (int)Hash(password) & mask; _slots[slot] != 0; slot = (slot + 1) & mask)
        {
            if (Equals(Entry(_slots[slot] - 1), password))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The embedded list: Django's file, gzipped, one password per line.</summary>
    public static CommonPasswordList LoadEmbedded()
    {
        using var resource = typeof(CommonPasswordList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from Djoser.Runtime.");

        // Read into one array of the exact size, which the list then keeps: a growing MemoryStream would leave a few
        // hundred KB of garbage on the large-object heap, which only a full collection frees. A gzip member ends with
        // the uncompressed size (RFC 1952 §2.3.1, ISIZE).
        Span<byte> size = stackalloc byte[4];
        resource.Seek(-4, SeekOrigin.End);
        resource.ReadExactly(size);
        resource.Seek(0, SeekOrigin.Begin);
        var text = new byte[BinaryPrimitives.ReadInt32LittleEndian(size)];
        using (var gzip = new GZipStream(resource, CompressionMode.Decompress))
        {
            gzip.ReadExactly(text);
        }

        return Parse(text);
    }

    /// <summary>
    /// The lines of <paramref name="text"/>, trimmed, without empty lines and duplicates (Django reads the file into a
    /// set: <c>{x.strip() for x in f}</c>). The entries are packed to the front of <paramref name="text"/>, which the list keeps.
    /// </summary>
    /// <exception cref="InvalidOperationException">The text is not ASCII.</exception>
    internal static CommonPasswordList Parse(byte[] text)
    {
        if (!Ascii.IsValid(text))
        {
            throw new InvalidOperationException("The common-password list must be ASCII: it is compared byte by byte.");
        }

        var lines = text.AsSpan().Count((byte)'\n') + 1;
        var slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)(lines + (lines / 2) + 1))];
        var mask = slots.Length - 1;
        var starts = new List<int>(lines + 1) { 0 };
        var offset = 0;
        var start = 0;
        while (start <= text.Length)
        {
            var length = text.AsSpan(start).IndexOf((byte)'\n');
            var end = length < 0 ? text.Length : start + length;
            var line = text.AsSpan(start, end - start).Trim(" \t\r\v\f"u8);
            start = end + 1;
            if (line.IsEmpty)
            {
                continue;
            }

            var slot = (int)Hash(line) & mask;
            while (slots[slot] != 0 && !line.SequenceEqual(text.AsSpan(starts[slots[slot] - 1], starts[slots[slot]] - starts[slots[slot] - 1])))
            {
                slot = (slot + 1) & mask;
            }

            if (slots[slot] != 0)
            {
                continue;
            }

            // Packed entries end at or before this line's start, so the copy never overwrites a line still to be read.
            line.CopyTo(text.AsSpan(offset));
            offset += line.Length;
            starts.Add(offset);
            slots[slot] = starts.Count - 1;
        }

        return new CommonPasswordList(text, [.. starts], slots);
    }

    private ReadOnlySpan<byte> Entry(int index) => _text.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    private static bool Equals(ReadOnlySpan<byte> entry, string password)
    {
        if (entry.Length != password.Length)
        {
            return false;
        }

        for (var i = 0; i < entry.Length; i++)
        {
            if (entry[i] != password[i])
            {
                return false;
            }
        }

        return true;
    }

    // FNV-1a over the characters; an ASCII string and its bytes hash alike.
    private static uint Hash(ReadOnlySpan<byte> value)
    {
        var hash = 2166136261u;
        foreach (var b in value)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private static uint Hash(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
