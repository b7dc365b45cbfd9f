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

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Contains(o.Reason, allowed));
    }
}
