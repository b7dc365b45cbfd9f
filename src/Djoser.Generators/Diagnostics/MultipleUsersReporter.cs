using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Djoser.Generators.Diagnostics
{
    /// <summary>
    /// DJ0012: djoser has one user model (Django's <c>AUTH_USER_MODEL</c>), so <c>[DjoserUser]</c> may mark one class
    /// per compilation. Runs on the collected occurrences, never on the compilation, so it stays incremental.
    /// </summary>
    internal static class MultipleUsersReporter
    {
        /// <summary>Whether emission may go ahead: at most one <c>[DjoserUser]</c> declaration in the compilation.</summary>
        /// <remarks>
        /// Counts declarations, not classes: a partial class with the attribute on two parts already has CS0579, and
        /// emitting it twice would add the same hint name twice.
        /// </remarks>
        public static bool IsSingleUser(ImmutableArray<UserClassOccurrence> occurrences) => occurrences.Length <= 1;

        /// <summary>One DJ0012 per marked class when there are two or more; every class is reported, none is "first".</summary>
        public static ImmutableArray<Diagnostic> Report(ImmutableArray<UserClassOccurrence> occurrences)
        {
            var classes = occurrences
                .GroupBy(o => o.FullyQualifiedName, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(o => o.Display, StringComparer.Ordinal)
                .ToList();
            if (classes.Count <= 1)
            {
                return ImmutableArray<Diagnostic>.Empty;
            }

            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>(classes.Count);
            foreach (var occurrence in classes)
            {
                var others = string.Join(", ", classes.Where(o => !ReferenceEquals(o, occurrence)).Select(o => "'" + o.Display + "'"));
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticDescriptors.MultipleUserClasses,
                    occurrence.Location,
                    occurrence.Display,
                    others));
            }

            return diagnostics.MoveToImmutable();
        }
    }
}
