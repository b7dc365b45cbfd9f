using System.Reflection;
using Djoser.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Djoser.Generators.Tests;

public sealed class IncrementalTests
{
    [Fact]
    public void UnrelatedFileAdded_SpecAndOutputsCached()
    {
        var input = GeneratorHarness.CreateCompilation(SnapshotTests.SampleSource);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(input);

        var changed = input.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));
        var result = driver.RunGenerators(changed).GetRunResult().Results.Single();

        AssertReasons(result, TrackingNames.UserSpec, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(5, result.GeneratedSources.Length);
    }

    [Fact]
    public void MemberBodyAndWhitespaceChanged_SpecUnchanged_OutputsCached()
    {
        var input = GeneratorHarness.CreateCompilation(SnapshotTests.SampleSource);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(input);

        var edited = SnapshotTests.SampleSource.Replace(
            "public string LastName { get; set; } = \"\";",
            "public string LastName   { get; set; } = \"\";\n\n    public override string ToString() => FirstName + \" \" + LastName;");
        var changed = input.ReplaceSyntaxTree(input.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, path: "User.cs"));
        var result = driver.RunGenerators(changed).GetRunResult().Results.Single();

        AssertReasons(result, TrackingNames.UserSpec, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.Diagnostics, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void RequiredFieldAdded_SourceModified()
    {
        var input = GeneratorHarness.CreateCompilation(SnapshotTests.SampleSource);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(input);

        var edited = SnapshotTests.SampleSource.Replace("nameof(LastName)]", "nameof(LastName), nameof(PhoneNumberConfirmed)]");
        var changed = input.ReplaceSyntaxTree(input.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, path: "User.cs"));
        var result = driver.RunGenerators(changed).GetRunResult().Results.Single();

        AssertReasons(result, TrackingNames.UserSpec, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Diagnostics, IncrementalStepRunReason.Unchanged);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("phone_number_confirmed", StringComparison.Ordinal));
    }

    [Fact]
    public void DjoserFieldLengthChanged_SourceModified()
    {
        var input = GeneratorHarness.CreateCompilation(SnapshotTests.SampleSource);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(input);

        Assert.Contains("[DjoserField(nameof(Email), MaxLength = 254)]", SnapshotTests.SampleSource, StringComparison.Ordinal);
        var edited = SnapshotTests.SampleSource.Replace("[DjoserField(nameof(Email), MaxLength = 254)]", "[DjoserField(nameof(Email), MaxLength = 200)]", StringComparison.Ordinal);
        var changed = input.ReplaceSyntaxTree(input.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, path: "User.cs"));
        var result = driver.RunGenerators(changed).GetRunResult().Results.Single();

        AssertReasons(result, TrackingNames.UserSpec, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Diagnostics, IncrementalStepRunReason.Unchanged);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("maxLength: 200", StringComparison.Ordinal));
    }

    [Fact]
    public void UnrelatedFileEdited_AmongManyFiles_EveryStepCachedAndNothingReEmitted()
    {
        var input = GeneratorHarness.CreateCompilation([SnapshotTests.SampleSource, .. UnrelatedFiles(30)]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(input);
        var before = driver.GetRunResult().Results.Single().GeneratedSources;

        var target = input.SyntaxTrees.Single(t => t.FilePath == "File7.cs");
        var edited = CSharpSyntaxTree.ParseText(target.ToString().Replace("return 7;", "return 7 + 1;", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: target.FilePath);
        var result = driver.RunGenerators(input.ReplaceSyntaxTree(target, edited)).GetRunResult().Results.Single();

        foreach (var step in OwnSteps)
        {
            AssertReasons(result, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(before.Select(s => s.SourceText.ToString()), result.GeneratedSources.Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void PropertyTypeChanged_SourceAndDiagnosticsModified_UnrelatedStepsKept()
    {
        var input = GeneratorHarness.CreateCompilation([SnapshotTests.SampleSource, .. UnrelatedFiles(5)]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(input);

        // string → string? changes the spec (nullable) and adds a DJ0011 warning.
        var edited = SnapshotTests.SampleSource.Replace("public string LastName { get; set; } = \"\";", "public string? LastName { get; set; }", StringComparison.Ordinal);
        var changed = input.ReplaceSyntaxTree(input.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, path: "User.cs"));
        var run = driver.RunGenerators(changed).GetRunResult();
        var result = run.Results.Single();

        AssertReasons(result, TrackingNames.UserSpec, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Diagnostics, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.SingleUser, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.MultipleUsersDiagnostics, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("DJ0011", Assert.Single(run.Diagnostics).Id);
        Assert.Equal(5, result.GeneratedSources.Length);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("public string? LastName", StringComparison.Ordinal));
    }

    [Fact]
    public void TypoIntroduced_DiagnosticsModified_NoSource()
    {
        var input = GeneratorHarness.CreateCompilation(SnapshotTests.SampleSource);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(input);

        var edited = SnapshotTests.SampleSource.Replace("nameof(LastName)]", "\"LastNmae\"]", StringComparison.Ordinal);
        var changed = input.ReplaceSyntaxTree(input.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, path: "User.cs"));
        var run = driver.RunGenerators(changed).GetRunResult();
        var result = run.Results.Single();

        AssertReasons(result, TrackingNames.Diagnostics, IncrementalStepRunReason.Modified);
        Assert.Equal("DJ0003", Assert.Single(run.Diagnostics).Id);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void TwoUserClasses_UnrelatedEdit_KeepsDJ0012Cached()
    {
        const string second = "using Djoser;\nusing Microsoft.AspNetCore.Identity;\nnamespace Other;\n[DjoserUser] public class Staff : IdentityUser { }";
        var input = GeneratorHarness.CreateCompilation([SnapshotTests.SampleSource, second, .. UnrelatedFiles(3)]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(input);
        Assert.Equal(2, driver.GetRunResult().Diagnostics.Length);

        var target = input.SyntaxTrees.Last();
        var changed = input.ReplaceSyntaxTree(target, CSharpSyntaxTree.ParseText(target + "\n// edited", GeneratorHarness.ParseOptions, path: target.FilePath));
        var run = driver.RunGenerators(changed).GetRunResult();
        var result = run.Results.Single();

        foreach (var step in OwnSteps)
        {
            AssertReasons(result, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(2, run.Diagnostics.Length);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void EqualSources_GiveEqualSpecs()
    {
        UserSpec Spec()
        {
            var result = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(SnapshotTests.SampleSource)).GetRunResult().Results.Single();
            return (UserSpec)result.TrackedSteps[TrackingNames.UserSpec].Single().Outputs.Single().Value;
        }

        var first = Spec();
        var second = Spec();
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void SpecTypes_HoldNoRoslynTypes()
    {
        var visited = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(UserSpec)]);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (!visited.Add(type))
            {
                continue;
            }

            Assert.False(GeneratorHarness.IsRoslynType(type), $"{type} is a Roslyn type reachable from UserSpec.");
            if (type.IsArray)
            {
                Assert.Fail($"{type} is an array; specs use EquatableArray<T>.");
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                pending.Push(argument);
            }

            if (type.Namespace?.StartsWith("Djoser.Generators", StringComparison.Ordinal) != true)
            {
                continue;
            }

            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                // EquatableArray<T> keeps its items in a private array; its element type is what matters.
                pending.Push(field.FieldType.IsArray && type.Name.StartsWith("EquatableArray", StringComparison.Ordinal) ? field.FieldType.GetElementType()! : field.FieldType);
            }
        }

        Assert.Contains(typeof(FieldSpec), visited);
    }

    private static readonly string[] OwnSteps =
    [
        TrackingNames.UserSpec,
        TrackingNames.Diagnostics,
        TrackingNames.UserClass,
        TrackingNames.SingleUser,
        TrackingNames.MultipleUsersDiagnostics,
    ];

    /// <summary>Small classes with a few methods; <c>File{i}.cs</c> returns <c>i</c> from <c>Value()</c>.</summary>
    private static IEnumerable<string> UnrelatedFiles(int count) =>
        Enumerable.Range(1, count).Select(i => $$"""
            namespace Other.Area{{i % 4}};

            public sealed class Thing{{i}}
            {
                public int Value() { return {{i}}; }

                public string Describe(int times) => new string('x', times) + Value();
            }
            """);

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Contains(o.Reason, allowed));
    }
}
