using System.Management.Automation.Language;

namespace Djoser.Repository.Tests;

/// <summary>build.ps1 cannot run here (no PowerShell), so its syntax and its commands are checked with PowerShell's own parser.</summary>
public sealed class BuildScriptTests
{
    private static readonly string ScriptPath = Path.Combine(RepositoryRoot.Path, "build.ps1");

    [Fact]
    public void BuildScript_ParsesWithoutErrors()
    {
        Parser.ParseFile(ScriptPath, out _, out var errors);
        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
    }

    [Fact]
    public void BuildScript_RestoresBuildsTestsAndPacks()
    {
        var ast = Parser.ParseFile(ScriptPath, out _, out _);
        var verbs = ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true)
            .Cast<CommandAst>()
            .Where(command => command.GetCommandName() == "Invoke-Dotnet")
            .Select(command => command.CommandElements[1].Extent.Text)
            .ToList();

        Assert.Equal(["restore", "build", "test", "pack"], verbs);
    }

    [Fact]
    public void BuildScript_StopsOnFailure()
    {
        var text = File.ReadAllText(ScriptPath);
        Assert.Contains("$ErrorActionPreference = 'Stop'", text);
        Assert.Contains("$LASTEXITCODE -ne 0", text);
    }
}
