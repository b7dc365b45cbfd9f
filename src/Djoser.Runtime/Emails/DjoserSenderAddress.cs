using System.Buffers;
using System.Runtime.CompilerServices;
using MimeKit;

namespace Djoser.Emails;

/// <summary>
/// Whether <c>Djoser:Email:From</c> is a sender MimeKit takes, as the composer parses it. MimeKit decides, except for
/// the plain forms nearly every application uses (<c>webmaster@example.com</c>, <c>Example Team &lt;webmaster@example.com&gt;</c>:
/// ASCII atoms and dot-atoms, RFC 5322's simplest grammar), which MimeKit always takes as they are; those are
/// recognised here, so a start-up that only checks the sender does not load MimeKit (about 1 MB of its pages and the
/// exceptions its charset table throws as it loads) before the first e-mail needs it.
/// </summary>
internal static class DjoserSenderAddress
{
    // RFC 5322 atext: letters, digits and !#$%&'*+-/=?^_`{|}~ (no specials, no space, no control).
    private static readonly SearchValues<char> Atext =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~");

    private static readonly SearchValues<char> LabelText =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    /// <summary>Whether MimeKit's <see cref="MailboxAddress.TryParse(string, out MailboxAddress)"/> takes <paramref name="text"/>.</summary>
    public static bool IsValid(string text) => IsPlain(text) || MimeKitTakes(text);

    /// <summary>
    /// <c>local@domain</c>, or <c>Name Words &lt;local@domain&gt;</c>: the local part a dot-atom, the domain
    /// dot-separated labels of letters, digits and inner hyphens, the name atoms separated by single spaces.
    /// </summary>
    internal static bool IsPlain(ReadOnlySpan<char> text)
    {
        var open = text.IndexOf('<');
        if (open < 0)
        {
            return IsAddrSpec(text);
        }

        return open >= 2 && text[open - 1] == ' ' && text[^1] == '>'
            && IsPhrase(text[..(open - 1)]) && IsAddrSpec(text[(open + 1)..^1]);
    }

    private static bool IsAddrSpec(ReadOnlySpan<char> text)
    {
        var at = text.IndexOf('@');
        return at > 0 && IsDotAtom(text[..at]) && IsDomain(text[(at + 1)..]);
    }

    // A phrase is atoms separated by single spaces; a dot-atom, atoms separated by single dots.
    private static bool IsPhrase(ReadOnlySpan<char> text) => AreAtoms(text, ' ');

    private static bool IsDotAtom(ReadOnlySpan<char> text) => AreAtoms(text, '.');

    private static bool AreAtoms(ReadOnlySpan<char> text, char separator)
    {
        foreach (var atom in text.Split(separator))
        {
            if (!IsAtom(text[atom]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAtom(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(Atext);

    private static bool IsDomain(ReadOnlySpan<char> text)
    {
        foreach (var range in text.Split('.'))
        {
            var label = text[range];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-' || label.ContainsAnyExcept(LabelText))
            {
                return false;
            }
        }

        return true;
    }

    // Kept out of IsValid so that compiling IsValid does not load MimeKit.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool MimeKitTakes(string text) => MailboxAddress.TryParse(text, out _);
}
