using System.Text.Json;

namespace Djoser.Repository.Tests;

/// <summary>
/// The package's version scheme (Djoser.Runtime.csproj): a pack without a version is a new prerelease each time, so a
/// local feed never serves a cached stale generator; a version on the command line wins; the assembly versions, and
/// the version that projects referencing the runtime restore against, stay put.
/// </summary>
public sealed class VersionTests
{
    private const string Project = "src/Djoser.Runtime/Djoser.Runtime.csproj";

    [Fact]
    public async Task NoVersionGiven_PackageIsATimestampedPrerelease_AssembliesStayAtThePrefix()
    {
        var before = DateTime.UtcNow;
        var versions = await EvaluateForPackAsync();

        var package = versions["PackageVersion"];
        Assert.Matches(@"^0\.1\.0-dev\.\d{14}$", package);
        var stamp = DateTime.ParseExact(package["0.1.0-dev.".Length..], "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stamp, before.AddSeconds(-1), DateTime.UtcNow);
        Assert.Equal("0.1.0", versions["Version"]);
        Assert.Equal("0.1.0.0", versions["AssemblyVersion"]);
        Assert.Equal("0.1.0.0", versions["FileVersion"]);
    }

    [Fact]
    public async Task OutsidePack_PackageVersionIsThePrefix_SoRestoresStayNoOps()
    {
        var versions = await EvaluateAsync(["-t:GetAssemblyVersion"]);

        Assert.Equal("0.1.0", versions["PackageVersion"]);
        Assert.Equal("0.1.0.0", versions["AssemblyVersion"]);
        // Every route to NuGet's Pack target (dotnet pack, msbuild -t:Pack) stamps the version first.
        Assert.Contains("StampDevelopmentPackageVersion", versions["BeforePack"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionOnTheCommandLine_Wins()
    {
        var versions = await EvaluateForPackAsync("-p:Version=2.3.4");

        Assert.Equal("2.3.4", versions["PackageVersion"]);
        Assert.Equal("2.3.4.0", versions["AssemblyVersion"]);
    }

    [Fact]
    public async Task VersionSuffixOnTheCommandLine_Wins()
    {
        var versions = await EvaluateForPackAsync("-p:VersionSuffix=rc.1");

        Assert.Equal("0.1.0-rc.1", versions["PackageVersion"]);
        Assert.Equal("0.1.0.0", versions["AssemblyVersion"]);
    }

    /// <summary>The versions as a pack sees them: after the stamping target (which pack runs first) and the SDK's.</summary>
    private static Task<Dictionary<string, string>> EvaluateForPackAsync(params string[] properties) =>
        EvaluateAsync(["-t:StampDevelopmentPackageVersion;GetAssemblyVersion", .. properties]);

    private static async Task<Dictionary<string, string>> EvaluateAsync(string[] arguments)
    {
        string[] names = ["PackageVersion", "Version", "AssemblyVersion", "FileVersion", "BeforePack"];
        var output = await DotnetCli.RunAsync(
            RepositoryRoot.Path,
            ["msbuild", Project, .. names.Select(name => "-getProperty:" + name), .. arguments]);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
