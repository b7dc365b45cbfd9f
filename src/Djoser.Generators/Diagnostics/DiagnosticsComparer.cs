using System.Collections.Generic;
using System.Globalization;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Djoser.Generators.Diagnostics
{
    /// <summary>
    /// Compares diagnostic lists by content (id, message arguments, location), so a rerun that finds the same problems
    /// in the same place leaves the diagnostics output cached instead of reporting them again.
    /// </summary>
    internal sealed class DiagnosticsComparer : IEqualityComparer<ImmutableArray<Diagnostic>>
    {
        public static readonly DiagnosticsComparer Instance = new DiagnosticsComparer();

        public bool Equals(ImmutableArray<Diagnostic> x, ImmutableArray<Diagnostic> y) => x.SequenceEqual(y, Same);

        public int GetHashCode(ImmutableArray<Diagnostic> obj)
        {
            var hash = 17;
            foreach (var diagnostic in obj)
            {
                hash = unchecked((hash * 31) + diagnostic.Id.GetHashCode());
                hash = unchecked((hash * 31) + diagnostic.Location.SourceSpan.GetHashCode());
            }

            return hash;
        }

        // Diagnostic.Equals compares message arguments by reference, so equal problems found twice would differ.
        private static bool Same(Diagnostic x, Diagnostic y) =>
            x.Id == y.Id
            && x.Severity == y.Severity
            && x.Location.Equals(y.Location)
            && x.GetMessage(CultureInfo.InvariantCulture) == y.GetMessage(CultureInfo.InvariantCulture);
    }
}
