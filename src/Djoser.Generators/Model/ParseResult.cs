using System.Collections.Immutable;
using Djoser.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Djoser.Generators.Model
{
    /// <summary>
    /// The transform's output: a spec (null when the model is invalid) plus the diagnostics found. Only the two
    /// projections of it are cached downstream; the diagnostics keep real locations so <c>#pragma</c> works.
    /// </summary>
    internal sealed class ParseResult
    {
        public ParseResult(UserSpec? spec, ImmutableArray<Diagnostic> diagnostics, UserClassOccurrence? occurrence)
        {
            Spec = spec;
            Diagnostics = diagnostics;
            Occurrence = occurrence;
        }

        public UserSpec? Spec { get; }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        /// <summary>The marked class, valid or not, for the one-user-per-compilation check (DJ0012).</summary>
        public UserClassOccurrence? Occurrence { get; }
    }
}
