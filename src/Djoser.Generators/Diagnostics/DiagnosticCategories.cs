namespace Djoser.Generators.Diagnostics
{
    /// <summary>The categories of Djoser diagnostics.</summary>
    internal static class DiagnosticCategories
    {
        /// <summary>Mistakes in the <c>[DjoserUser]</c> class or its attribute.</summary>
        public const string Model = "Djoser.Model";

        /// <summary>Advice on how the model is used.</summary>
        public const string Usage = "Djoser.Usage";
    }
}
