using System.Text.RegularExpressions;

namespace Djoser.Repository.Tests;

/// <summary>
/// The files of "Using it in your application" as README.md prints them: each is the fenced code block right after a
/// <c>&lt;!-- scratch: FILE --&gt;</c> comment, so the package test builds exactly what a reader pastes.
/// </summary>
internal static partial class ReadmeSnippets
{
    /// <summary>The files the README tells a reader to write into a new <c>dotnet new web</c> app.</summary>
    public static readonly string[] ExpectedFiles = ["AppDbContext.cs", "AppUser.cs", "Program.cs", "appsettings.json"];

    /// <summary>Reads the marked blocks of <paramref name="markdown"/>, by file name.</summary>
    /// <exception cref="InvalidOperationException">A marker without a code block under it, or a file marked twice.</exception>
    public static IReadOnlyDictionary<string, string> Read(string markdown)
    {
        var text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match marker in Marker().Matches(text))
        {
            var name = marker.Groups["file"].Value;
            var block = Block().Match(text, marker.Index + marker.Length);
            if (!block.Success || block.Index != marker.Index + marker.Length)
            {
                throw new InvalidOperationException($"README.md: '<!-- scratch: {name} -->' must stand right above a fenced code block.");
            }

            if (!files.TryAdd(name, block.Groups["code"].Value + "\n"))
            {
                throw new InvalidOperationException($"README.md marks '{name}' twice.");
            }
        }

        return files;
    }

    /// <summary>README.md of this repository, read by <see cref="Read"/>.</summary>
    public static IReadOnlyDictionary<string, string> ReadRepositoryReadme() =>
        Read(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")));

    [GeneratedRegex(@"^<!-- scratch: (?<file>[^ ]+) -->\n", RegexOptions.Multiline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"```[a-z]*\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex Block();
}
