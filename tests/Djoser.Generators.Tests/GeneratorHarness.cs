using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Djoser.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Djoser.Generators.Tests;

/// <summary>One generator run: the output compilation, what the generator reported and produced.</summary>
public sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    GeneratorDriver Driver,
    GeneratorDriverRunResult Result,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>The generated files by hint name, ordinal order.</summary>
    public IReadOnlyList<(string HintName, string Text)> Sources =>
        Result.Results.SelectMany(r => r.GeneratedSources)
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .ToList();
}

/// <summary>
/// Every generator test goes through here: compiles the source against the runtime and ASP.NET Core Identity, runs
/// the generator with step tracking, reruns it on a cloned compilation and asserts everything was cached, walks the
/// tracked outputs for Roslyn objects, and (when no diagnostics are expected) asserts the output compiles cleanly.
/// </summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions =
        CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest).WithDocumentationMode(DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The tracked step names whose outputs must never hold Roslyn objects.</summary>
    private static readonly string[] SpecSteps = [TrackingNames.UserSpec];

    private static readonly string[] OwnSteps =
    [
        TrackingNames.UserSpec,
        TrackingNames.Diagnostics,
        TrackingNames.UserClass,
        TrackingNames.SingleUser,
        TrackingNames.MultipleUsersDiagnostics,
    ];

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Djoser.GeneratorTests.User",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: i == 0 ? "User.cs" : $"File{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new DjoserGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="source"/>; with <paramref name="expectDiagnostics"/> false, nothing may be reported.</summary>
    public static GeneratorRun Run(string source, bool expectDiagnostics = false) => Run([source], expectDiagnostics);

    /// <summary>As <see cref="Run(string, bool)"/> over several files: <c>User.cs</c>, <c>File1.cs</c>, …</summary>
    public static GeneratorRun Run(string[] sources, bool expectDiagnostics = false)
    {
        var input = CreateCompilation(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        AssertNoCrash(result, diagnostics);
        AssertNoRoslynObjects(result);

        var rerun = driver.RunGenerators(input.Clone()).GetRunResult();
        AssertNoCrash(rerun, rerun.Diagnostics);
        AssertAllCached(rerun);

        if (!expectDiagnostics)
        {
            Assert.Empty(diagnostics);
            AssertCompilesCleanly(output);
        }

        return new GeneratorRun(input, output, driver, result, diagnostics);
    }

    /// <summary>No errors and no warnings in the user's code plus everything generated.</summary>
    public static void AssertCompilesCleanly(Compilation output)
    {
        // Test models carry no XML docs; generated files must (they are public API in IntelliSense).
        var problems = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => d.Id != "CS1591" || d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(problems.Count == 0, "The output compilation is not clean:\n" + string.Join("\n", problems));
    }

    public static void AssertNoCrash(GeneratorDriverRunResult result, ImmutableArray<Diagnostic> diagnostics)
    {
        foreach (var generator in result.Results)
        {
            Assert.True(generator.Exception is null, "The generator threw: " + generator.Exception);
        }

        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "AD0001");
    }

    /// <summary>Every tracked step of a rerun over an unchanged compilation is Cached or Unchanged; every output Cached.</summary>
    public static void AssertAllCached(GeneratorDriverRunResult rerun)
    {
        foreach (var generator in rerun.Results)
        {
            // Roslyn's own steps (e.g. "Compilation") and our transform (ParseResult) rerun on a new compilation object;
            // what they feed into the outputs must come out equal.
            foreach (var (name, steps) in generator.TrackedSteps.Where(s => OwnSteps.Contains(s.Key)))
            {
                foreach (var output in steps.SelectMany(s => s.Outputs))
                {
                    Assert.True(
                        output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step '{name}' was {output.Reason} on an unchanged compilation.");
                }
            }

            foreach (var (name, steps) in generator.TrackedOutputSteps)
            {
                foreach (var output in steps.SelectMany(s => s.Outputs))
                {
                    Assert.True(output.Reason == IncrementalStepRunReason.Cached, $"Output '{name}' was {output.Reason} on an unchanged compilation.");
                }
            }
        }
    }

    /// <summary>Walks the spec step's output objects and fails on any Roslyn object (they would pin compilations in the cache).</summary>
    public static void AssertNoRoslynObjects(GeneratorDriverRunResult result)
    {
        foreach (var generator in result.Results)
        {
            foreach (var name in SpecSteps)
            {
                if (!generator.TrackedSteps.TryGetValue(name, out var steps))
                {
                    continue;
                }

                foreach (var output in steps.SelectMany(s => s.Outputs))
                {
                    Walk(output.Value, new HashSet<object>(ReferenceEqualityComparer.Instance), name);
                }
            }
        }
    }

    private static void Walk(object? value, HashSet<object> visited, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }

        var type = value.GetType();
        Assert.False(IsRoslynType(type), $"{path} holds a Roslyn object of type {type.FullName}.");
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, visited, $"{path}[{i++}]");
            }
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), visited, path + "." + field.Name);
            }
        }
    }

    public static bool IsRoslynType(Type type) =>
        type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true;

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in paths.Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal))
        {
            using (var stream = File.OpenRead(path))
            using (var pe = new PEReader(stream))
            {
                if (!pe.HasMetadata || !pe.GetMetadataReader().IsAssembly)
                {
                    continue;
                }
            }

            references.Add(MetadataReference.CreateFromFile(path));
        }

        return references.ToImmutable();
    }
}
