using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Djoser.Generators.Tests;

/// <summary>
/// Snapshot assertions after Verify's conventions, so moving to Verify later is a rename:
/// <c>{TestClass}.{TestMethod}#{Hint}.verified.cs</c> next to the test's source file, <c>*.received.cs</c> plus a
/// unified diff on mismatch, <c>DJOSER_ACCEPT_SNAPSHOTS=1</c> to accept, the generator version scrubbed, and the set of
/// generated files equal to the set of snapshots.
/// </summary>
public static partial class Snapshot
{
    public const string VersionToken = "{GeneratorVersion}";

    public static void Verify(GeneratorRun run, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var directory = Path.GetDirectoryName(testFile)!;
        var prefix = Path.GetFileNameWithoutExtension(testFile) + "." + testMethod + "#";
        var accept = Accept;
        var failures = new List<string>();

        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (hint, text) in run.Sources)
        {
            var name = prefix + Path.GetFileNameWithoutExtension(hint);
            expected.Add(name);
            Compare(directory, name, ".cs", Scrub(text), failures);
        }

        foreach (var stale in Directory.EnumerateFiles(directory, prefix + "*.verified.cs"))
        {
            var name = Path.GetFileName(stale)[..^".verified.cs".Length];
            if (expected.Contains(name))
            {
                continue;
            }

            if (accept)
            {
                File.Delete(stale);
            }
            else
            {
                failures.Add($"Stale snapshot {name}.verified.cs: the generator no longer produces it.");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>
    /// <c>{TestClass}.{TestMethod}.verified.txt</c>: one line per reported diagnostic, in source order:
    /// <c>id | severity | file(line,col) | message</c> (1-based line and column, invariant culture).
    /// </summary>
    public static void VerifyDiagnostics(GeneratorRun run, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var lines = run.Diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(Format);
        var failures = new List<string>();
        Compare(Path.GetDirectoryName(testFile)!, Path.GetFileNameWithoutExtension(testFile) + "." + testMethod, ".txt", string.Concat(lines.Select(l => l + "\n")), failures);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>One diagnostic as the <c>.verified.txt</c> snapshots write it.</summary>
    public static string Format(Microsoft.CodeAnalysis.Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var file = Path.GetFileName(span.Path);
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{diagnostic.Id} | {diagnostic.Severity} | {file}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}) | {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    private static bool Accept => Environment.GetEnvironmentVariable("DJOSER_ACCEPT_SNAPSHOTS") == "1";

    /// <summary>Compares <paramref name="received"/> with <c>{name}.verified{extension}</c>; writes <c>.received</c> or accepts.</summary>
    private static void Compare(string directory, string name, string extension, string received, List<string> failures)
    {
        var verifiedPath = Path.Combine(directory, name + ".verified" + extension);
        var receivedPath = Path.Combine(directory, name + ".received" + extension);
        var verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Accept)
        {
            File.WriteAllText(verifiedPath, received);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        failures.Add(verified is null
            ? $"New snapshot {name}.verified{extension} (received file written; set DJOSER_ACCEPT_SNAPSHOTS=1 to accept)."
            : $"Snapshot {name}.verified{extension} differs:\n" + UnifiedDiff(verified, received, name, extension));
    }

    public static string Scrub(string text) =>
        GeneratedCodeVersion().Replace(text.Replace("\r\n", "\n"), "GeneratedCode(\"Djoser.Generators\", \"" + VersionToken + "\")");

    /// <summary>A unified diff (3 lines of context) of two texts, by line.</summary>
    public static string UnifiedDiff(string expected, string actual, string name, string extension = ".cs")
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        // (kind, line, index in a, index in b)
        var edits = new List<(char Kind, string Line, int A, int B)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add((' ', a[x], x++, y++));
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                edits.Add(('+', b[y], x, y++));
            }
            else
            {
                edits.Add(('-', a[x], x++, y));
            }
        }

        var builder = new StringBuilder();
        builder.Append("--- ").Append(name).Append(".verified").Append(extension).Append('\n');
        builder.Append("+++ ").Append(name).Append(".received").Append(extension).Append('\n');
        const int context = 3;
        var index = 0;
        while (index < edits.Count)
        {
            if (edits[index].Kind == ' ')
            {
                index++;
                continue;
            }

            var start = Math.Max(0, index - context);
            var end = index;
            var quiet = 0;
            while (end < edits.Count && quiet <= 2 * context)
            {
                quiet = edits[end].Kind == ' ' ? quiet + 1 : 0;
                end++;
            }

            end = Math.Min(edits.Count, end - Math.Max(0, quiet - context));
            var hunk = edits.GetRange(start, end - start);
            builder.Append($"@@ -{hunk[0].A + 1},{hunk.Count(e => e.Kind != '+')} +{hunk[0].B + 1},{hunk.Count(e => e.Kind != '-')} @@\n");
            foreach (var edit in hunk)
            {
                builder.Append(edit.Kind).Append(edit.Line).Append('\n');
            }

            index = end;
        }

        return builder.ToString();
    }

    [GeneratedRegex("GeneratedCode\\(\"Djoser\\.Generators\", \"[^\"]*\"\\)")]
    private static partial Regex GeneratedCodeVersion();
}
