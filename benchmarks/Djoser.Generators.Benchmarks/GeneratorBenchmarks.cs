using System.Collections.Immutable;
using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Djoser.Generators.Benchmarks;

/// <summary>
/// The generator over the sample <c>AppUser</c> plus <see cref="UnrelatedFileCount"/> unrelated files. Every run gets
/// a fresh compilation (<see cref="Compilation.Clone"/>: same trees, no cached binding), as a build or an IDE edit
/// would; syntax trees are parsed once in setup because generators never pay for parsing.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int UnrelatedFileCount = 200;

    private const string SampleModel = """
        using Djoser;
        using Microsoft.AspNetCore.Identity;

        namespace Djoser.Sample;

        [DjoserUser(UsernameField = nameof(Email), RequiredFields = [nameof(FirstName), nameof(LastName)])]
        public class AppUser : IdentityUser
        {
            public string FirstName { get; set; } = "";

            public string LastName { get; set; } = "";
        }
        """;

    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(SampleModel, ParseOptions, path: "AppUser.cs") };
        for (var i = 0; i < UnrelatedFileCount; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(UnrelatedFile(i, 0), ParseOptions, path: Path(i)));
        }

        _compilation = CSharpCompilation.Create(
            "Djoser.Generators.Benchmarks.Input",
            trees,
            LoadReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var target = _compilation.SyntaxTrees.Single(t => t.FilePath == Path(UnrelatedFileCount / 2));
        _edited = _compilation.ReplaceSyntaxTree(target, CSharpSyntaxTree.ParseText(UnrelatedFile(UnrelatedFileCount / 2, 1), ParseOptions, path: target.FilePath));

        _warm = CreateDriver(new DjoserGenerator()).RunGenerators(_compilation);
        var generated = _warm.GetRunResult();
        if (generated.GeneratedTrees.Length != 5 || !generated.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException("The sample model must generate 5 files and no diagnostics.");
        }
    }

    /// <summary>A driver that has never run, over a fresh compilation: what a command-line build pays.</summary>
    [Benchmark]
    public GeneratorDriver ColdRun() => CreateDriver(new DjoserGenerator()).RunGenerators(_compilation.Clone());

    /// <summary>A driver warmed on the compilation, rerun after one unrelated file changed: what an IDE keystroke pays.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalUnrelatedEdit() => _warm.RunGenerators(_edited.Clone());

    /// <summary>The same cold run with a generator that does nothing, measured alongside for a noisy machine.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver Baseline() => CreateDriver(new NoOpGenerator()).RunGenerators(_compilation.Clone());

    private static GeneratorDriver CreateDriver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: ParseOptions);

    private static string Path(int index) => "Unrelated/File" + index.ToString(CultureInfo.InvariantCulture) + ".cs";

    /// <summary>A small class with a few methods; <paramref name="revision"/> changes one method body.</summary>
    private static string UnrelatedFile(int index, int revision) => string.Create(CultureInfo.InvariantCulture, $$"""
        using System;
        using System.Collections.Generic;

        namespace Unrelated.Area{{index % 10}};

        public sealed class Service{{index}}
        {
            private readonly List<int> _values = new();

            public int Count => _values.Count;

            public void Add(int value)
            {
                if (value < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(value));
                }

                _values.Add(value + {{revision}});
            }

            public int Sum()
            {
                var total = 0;
                foreach (var value in _values)
                {
                    total += value;
                }

                return total;
            }

            public override string ToString() => "Service{{index}}(" + Count + ")";
        }
        """);

    /// <summary>The assemblies this process runs on (the runtime's dependencies included), as metadata references.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator);
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

        // The runtime assembly may not be in the list when nothing touched it yet; the attribute lives there.
        var runtime = typeof(Djoser.DjoserUserAttribute).Assembly.Location;
        if (!paths.Contains(runtime, StringComparer.Ordinal))
        {
            references.Add(MetadataReference.CreateFromFile(runtime));
        }

        return references.ToImmutable();
    }
}
