using System.Text.Json;

namespace Djoser.Repository.Tests;

/// <summary>
/// Directory.Build.props: a pack without a version is a new prerelease each time (a local feed never serves a cached
/// stale generator), a version on the command line wins, and the assembly versions stay put.
/// </summary>
public sealed class VersionTests
{
    private const string Project = "src/Djoser.Runtime/Djoser.Runtime.csproj";

    [Fact]
    public async Task NoVersionGiven_PackageIsATimestampedPrerelease_AssembliesStayAtThePrefix()
    {
        var before = DateTime.UtcNow;
        var versions = await EvaluateAsync();

        var package = versions["PackageVersion"];
        Assert.Matches(@"^0\.1\.0-dev\.\d{14}$", package);
        var stamp = DateTime.ParseExact(package["0.1.0-dev.".Length..], "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stamp, before.AddSeconds(-1), DateTime.UtcNow);
        Assert.Equal("0.1.0", versions["Version"]);
        Assert.Equal("0.1.0.0", versions["AssemblyVersion"]);
        Assert.Equal("0.1.0.0", versions["FileVersion"]);
    }

    [Fact]
    public async Task VersionOnTheCommandLine_Wins()
    {
        var versions = await EvaluateAsync("-p:Version=2.3.4");

        Assert.Equal("2.3.4", versions["PackageVersion"]);
        Assert.Equal("2.3.4.0", versions["AssemblyVersion"]);
    }

    [Fact]
    public async Task VersionSuffixOnTheCommandLine_Wins()
    {
        var versions = await EvaluateAsync("-p:VersionSuffix=rc.1");

        Assert.Equal("0.1.0-rc.1", versions["PackageVersion"]);
        Assert.Equal("0.1.0.0", versions["AssemblyVersion"]);
    }

    private static async Task<Dictionary<string, string>> EvaluateAsync(params string[] properties)
    {
        string[] names = ["PackageVersion", "Version", "AssemblyVersion", "FileVersion"];
        var output = await DotnetCli.RunAsync(
            RepositoryRoot.Path,
            ["msbuild", Project, "-t:GetAssemblyVersion", .. names.Select(name => "-getProperty:" + name), .. properties]);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
