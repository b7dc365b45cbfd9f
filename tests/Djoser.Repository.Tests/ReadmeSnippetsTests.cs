using System.Text.Json;

namespace Djoser.Repository.Tests;

/// <summary>The README marks its application files so <see cref="PackageTests"/> can build them; these check the marks.</summary>
public sealed class ReadmeSnippetsTests
{
    [Fact]
    public void Readme_MarksEveryApplicationFile()
    {
        var files = ReadmeSnippets.ReadRepositoryReadme();

        Assert.Equal(ReadmeSnippets.ExpectedFiles, files.Keys.Order(StringComparer.Ordinal));
        Assert.All(files.Values, code => Assert.False(string.IsNullOrWhiteSpace(code)));
    }

    [Fact]
    public void Readme_Settings_AreJsonWithTheKeysTheAppCannotStartWithout()
    {
        using var settings = JsonDocument.Parse(ReadmeSnippets.ReadRepositoryReadme()["appsettings.json"]);
        var djoser = settings.RootElement.GetProperty("Djoser");

        Assert.Contains("{uid}", djoser.GetProperty("PasswordResetConfirmUrl").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(djoser.GetProperty("Email").GetProperty("PickupDirectory").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(settings.RootElement.GetProperty("ConnectionStrings").GetProperty("Default").GetString()));
    }

    [Fact]
    public void ReadmeApp_OfTheBenchmarks_IsTheReadmesApp()
    {
        // benchmarks/Djoser.ReadmeApp is what run.sh measures as "djoser alone": it must stay the app a reader builds.
        var folder = Path.Combine(RepositoryRoot.Path, "benchmarks", "Djoser.ReadmeApp");
        foreach (var (file, code) in ReadmeSnippets.ReadRepositoryReadme())
        {
            Assert.Equal(code, File.ReadAllText(Path.Combine(folder, file)).Replace("\r\n", "\n", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Read_TakesTheBlockUnderEachMarker()
    {
        var files = ReadmeSnippets.Read("""
            text
            <!-- scratch: A.cs -->
            ```csharp
            class A;
            ```
            <!-- scratch: b.json -->
            ```json
            {}
            ```
            ```csharp
            class NotMarked;
            ```
            """);

        Assert.Equal(new Dictionary<string, string> { ["A.cs"] = "class A;\n", ["b.json"] = "{}\n" }, files);
    }

    [Theory]
    [InlineData("<!-- scratch: A.cs -->\ntext\n```csharp\nclass A;\n```\n")]
    [InlineData("<!-- scratch: A.cs -->\n")]
    [InlineData("<!-- scratch: A.cs -->\n```cs\nclass A;\n```\n<!-- scratch: A.cs -->\n```cs\nclass B;\n```\n")]
    public void Read_RefusesAMarkerWithoutItsOwnBlock(string markdown)
    {
        Assert.Throws<InvalidOperationException>(() => ReadmeSnippets.Read(markdown));
    }
}
