using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Djoser.Generators.Benchmarks -- --job short --filter '*GeneratorBenchmarks*'
BenchmarkSwitcher.FromAssembly(typeof(Djoser.Generators.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
