using Microsoft.CodeAnalysis;

namespace Djoser.Generators.Tests;

/// <summary>
/// Half-typed and odd code never crashes the generator (no CS8785/AD0001), and each case gives exactly what it must:
/// the DJ diagnostics listed (none where the compiler already reports the mistake), and either no generated files or
/// the full set of five.
/// </summary>
public sealed class RobustnessTests
{
    private const int AllSources = 5;

    [Theory]
    // Unfinished attribute syntax: the compiler reports it; the generator stays silent and emits nothing.
    [InlineData("[DjoserUser(", "", 0, true)]
    [InlineData("[DjoserUser(UsernameField = nameof(, RequiredFields = [nameof(FirstName)\npublic class AppUser : IdentityUser { public string FirstName { get; set", "", 0, true)]
    [InlineData("[DjoserUser(UsernameField = nameof())]\npublic class AppUser : IdentityUser { }", "", 0, true)]
    [InlineData("[DjoserUser(UsernameField = 42)]\npublic class AppUser : IdentityUser { }", "", 0, true)]
    [InlineData("[DjoserUser(RequiredFields = [.. Names])]\npublic class AppUser : IdentityUser { public const string Names = \"x\"; }", "", 0, true)]
    [InlineData("[DjoserUser]\npublic record AppUser : IdentityUser { }", "", 0, true)]
    [InlineData("[DjoserUser]\npublic partial class AppUser : IdentityUser { }\n[DjoserUser]\npublic partial class AppUser { }", "", 0, true)]
    // Names that compile but do not fit: the generator's diagnostic, nothing emitted.
    [InlineData("[DjoserUser(UsernameField = nameof(Emial))]\npublic class AppUser : IdentityUser { }", "DJ0001", 0, true)]
    [InlineData("[DjoserUser(UsernameField = \"\")]\npublic class AppUser : IdentityUser { }", "DJ0001", 0, false)]
    [InlineData("[DjoserUser(RequiredFields = [\"\"])]\npublic class AppUser : IdentityUser { }", "DJ0003", 0, false)]
    [InlineData("[DjoserUser]\npublic class AppUser : MissingBase { }", "DJ0004", 0, true)]
    [InlineData("[DjoserUser]\npublic class AppUser : IdentityUser<MissingKey> { }", "DJ0004", 0, true)]
    [InlineData("[DjoserUser]\npublic static class AppUser { }", "DJ0005", 0, false)]
    [InlineData("[DjoserUser(RequiredFields = [\"Thing\"])]\npublic class AppUser : IdentityUser { public Missing Thing { get; set; } }", "DJ0006", 0, true)]
    [InlineData("[DjoserUser]\npublic class AppUser : IdentityUser { public new int UserName { get; set; } }", "DJ0007", 0, false)]
    [InlineData("[DjoserUser]\npublic class AppUser : IdentityUser { }\nnamespace Inner { [DjoserUser] public class AppUser : Microsoft.AspNetCore.Identity.IdentityUser { } }", "DJ0012,DJ0012", 0, true)]
    // Valid models in odd shapes, and class bodies left open while typing: the model is read and emitted whole.
    [InlineData("[DjoserUser(RequiredFields = null!)]\npublic class AppUser : IdentityUser { }", "", AllSources, false)]
    [InlineData("[DjoserUser(RequiredFields = [nameof(FirstName), ])]\npublic class AppUser : IdentityUser { public string FirstName { get; set; } = \"\"; }", "", AllSources, false)]
    [InlineData("[DjoserUser]\npublic partial class AppUser : IdentityUser { }\npublic partial class AppUser { public string X { get; set; } = \"\"; }", "", AllSources, false)]
    [InlineData("public class Outer { [DjoserUser] public class AppUser : IdentityUser { } }", "", AllSources, false)]
    [InlineData("[DjoserUser]\npublic class AppUser : IdentityUser { public string FirstName { get; set; }", "", AllSources, true)]
    [InlineData("[DjoserUser]\npublic class AppUser : IdentityUser { public string FirstName { get; set; } = ", "", AllSources, true)]
    // A null or empty name names no property: reported like any other.
    [InlineData("[DjoserUser(UsernameField = null!)]\npublic class AppUser : IdentityUser { }", "DJ0001", 0, false)]
    [InlineData("[DjoserUser(RequiredFields = [null!, \"\"])]\npublic class AppUser : IdentityUser { }", "DJ0003,DJ0008", 0, false)]
    public void MalformedCode_GivesExactlyItsDiagnostics(string declaration, string expectedIds, int expectedSources, bool compilerErrors)
    {
        var source = "using Djoser;\nusing Microsoft.AspNetCore.Identity;\n\nnamespace Shop;\n\n" + declaration;
        var run = GeneratorHarness.Run(source, expectDiagnostics: true);

        Assert.Equal(expectedIds.Split(',', StringSplitOptions.RemoveEmptyEntries), run.Diagnostics.Select(d => d.Id));
        Assert.All(run.Diagnostics, d => Assert.Equal("User.cs", d.Location.SourceTree?.FilePath));
        Assert.Equal(expectedSources, run.Sources.Count);
        var errors = run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(compilerErrors == (errors.Count > 0), $"Expected compiler errors: {compilerErrors}; got: {string.Join(", ", errors.Select(d => d.Id))}");
        if (expectedSources > 0 && !compilerErrors)
        {
            GeneratorHarness.AssertCompilesCleanly(run.Output);
        }
    }
}
