using System.IO.Compression;

namespace Djoser.Repository.Tests;

/// <summary>
/// The package a user installs: one Djoser.Gen package that carries the generator, the licence and a readme, packed
/// without a warning; and a new <c>dotnet new web</c> app set up as the README's "Install" and "Using it in your
/// application" say, with the README's files pasted in, builds against it with warnings as errors.
/// </summary>
public sealed class PackageTests : IDisposable
{
    // A version no earlier run used, so NuGet's global cache cannot hand back a stale package.
    private readonly string _version = "0.0.0-test." + Guid.NewGuid().ToString("N")[..12];
    private readonly string _work = Path.Combine(Path.GetTempPath(), "djoser-package-" + Guid.NewGuid().ToString("N"));

    public PackageTests() => Directory.CreateDirectory(_work);

    [Fact]
    public async Task Package_CarriesGeneratorLicenceAndReadme_AndBuildsTheReadmeApp()
    {
        var feed = Path.Combine(_work, "feed");
        var pack = await DotnetCli.RunAsync(RepositoryRoot.Path, "pack", "src/Djoser.Runtime", "-c", "Release", "-o", feed, $"-p:Version={_version}");
        Assert.DoesNotContain("warning", pack, StringComparison.OrdinalIgnoreCase);
        // NuGet's note for a package without a readme is a message, not a warning.
        Assert.DoesNotContain("missing a readme", pack, StringComparison.OrdinalIgnoreCase);

        using (var archive = ZipFile.OpenRead(Path.Combine(feed, $"Djoser.Gen.{_version}.nupkg")))
        {
            var entries = archive.Entries.Select(entry => entry.FullName).ToList();
            Assert.Contains("analyzers/dotnet/cs/Djoser.Generators.dll", entries);
            Assert.Contains("lib/net10.0/Djoser.Runtime.dll", entries);
            Assert.Contains("THIRD-PARTY-NOTICES.md", entries);
            Assert.Contains("PACKAGE.md", entries);
            Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "LICENSE")), ReadEntry(archive, "LICENSE"));

            var nuspec = ReadEntry(archive, "Djoser.Gen.nuspec");
            Assert.Contains("<license type=\"expression\">MIT</license>", nuspec, StringComparison.Ordinal);
            Assert.Contains("<readme>PACKAGE.md</readme>", nuspec, StringComparison.Ordinal);
            // The OpenAPI description is Djoser.Gen.OpenApi's: an application without a document carries none of it.
            Assert.DoesNotContain("OpenApi", nuspec, StringComparison.Ordinal);
        }

        // The README's steps, in a folder outside the repository so none of its build settings apply.
        var app = Path.Combine(_work, "MyApp");
        await DotnetCli.RunAsync(_work, "new", "web", "-o", "MyApp", "--no-restore");
        await DotnetCli.RunAsync(app, "new", "nugetconfig");
        await DotnetCli.RunAsync(app, "nuget", "add", "source", feed, "--name", "djoser-local", "--configfile", "nuget.config");
        await DotnetCli.RunAsync(app, "add", "package", "Djoser.Gen", "--prerelease");
        await DotnetCli.RunAsync(app, "add", "package", "Microsoft.EntityFrameworkCore.Sqlite", "--version", "10.0.*");
        Assert.Contains($"Include=\"Djoser.Gen\" Version=\"{_version}\"", File.ReadAllText(Path.Combine(app, "MyApp.csproj")), StringComparison.Ordinal);

        foreach (var (file, code) in ReadmeSnippets.ReadRepositoryReadme())
        {
            await File.WriteAllTextAsync(Path.Combine(app, file), code);
        }

        var build = await DotnetCli.RunAsync(app, "build", "-c", "Release", "-p:TreatWarningsAsErrors=true", "-p:EmitCompilerGeneratedFiles=true");
        Assert.Contains("0 Warning(s)", build, StringComparison.Ordinal);

        // The generator in the package ran: the model it writes for the README's user is there.
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(app, "obj"), "Djoser.*.Model.g.cs", SearchOption.AllDirectories));
        // No MVC application part comes with djoser: the attribute would load MVC's core at every start (issue 13).
        Assert.All(Directory.EnumerateFiles(Path.Combine(app, "obj"), "*.cs", SearchOption.AllDirectories),
            file => Assert.DoesNotContain("ApplicationPartAttribute", File.ReadAllText(file), StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Left under the temp folder.
        }
    }

    private static string ReadEntry(ZipArchive archive, string name)
    {
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
