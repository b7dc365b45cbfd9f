using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Djoser.Generators.Model
{
    /// <summary>
    /// The transform's output: a spec (null when the model is invalid) plus the diagnostics found. Only the two
    /// projections of it are cached downstream; the diagnostics keep real locations so <c>#pragma</c> works.
    /// </summary>
    internal sealed class ParseResult
    {
        public ParseResult(UserSpec? spec, ImmutableArray<Diagnostic> diagnostics)
        {
            Spec = spec;
            Diagnostics = diagnostics;
        }

        public UserSpec? Spec { get; }

        public ImmutableArray<Diagnostic> Diagnostics { get; }
    }
}
