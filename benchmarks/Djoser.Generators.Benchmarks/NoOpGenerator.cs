using Microsoft.CodeAnalysis;

namespace Djoser.Generators.Benchmarks;

/// <summary>
/// The baseline: an attribute-driven generator whose pipeline never matches, so it pays what every such generator
/// pays (the driver, the syntax walk for attributes) and nothing more.
/// </summary>
internal sealed class NoOpGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var none = context.SyntaxProvider.ForAttributeWithMetadataName(
            "Djoser.Generators.Benchmarks.NeverUsedAttribute",
            static (_, _) => false,
            static (_, _) => 0);
        context.RegisterSourceOutput(none, static (_, _) => { });
    }
}
