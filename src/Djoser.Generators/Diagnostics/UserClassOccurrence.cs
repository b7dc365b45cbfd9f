using Microsoft.CodeAnalysis;

namespace Djoser.Generators.Diagnostics
{
    /// <summary>
    /// One <c>[DjoserUser]</c> class as DJ0012 needs it: its name and the attribute to report on. It holds a
    /// <see cref="Microsoft.CodeAnalysis.Location"/>, so it feeds diagnostics only, never emission. Immutable with value
    /// equality: a source location is equal when tree and span are, so an edit elsewhere leaves it Unchanged.
    /// </summary>
    /// <param name="FullyQualifiedName">The class with <c>global::</c>; partial declarations of one class share it.</param>
    /// <param name="Display">The class as messages show it, e.g. <c>Shop.Customer</c>.</param>
    /// <param name="Location">The <c>[DjoserUser]</c> attribute (the class identifier when it has no syntax).</param>
    internal sealed record UserClassOccurrence(string FullyQualifiedName, string Display, Location Location);
}
