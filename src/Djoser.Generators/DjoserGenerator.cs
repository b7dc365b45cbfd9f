using System.Collections.Immutable;
using Djoser.Generators.Diagnostics;
using Djoser.Generators.Emitting;
using Djoser.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Djoser.Generators
{
    /// <summary>
    /// Generates djoser's request, response and model types for every <c>[DjoserUser]</c> class. Source and
    /// diagnostics are two outputs, so valid models stay cached while diagnostics keep real locations.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class DjoserGenerator : IIncrementalGenerator
    {
        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var results = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.DjoserUserAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (syntaxContext, ct) => UserParser.Parse(syntaxContext, ct))
                .WithTrackingName(TrackingNames.ParseResult);

            var specs = results
                .Where(static result => result.Spec is not null)
                .Select(static (result, _) => result.Spec!)
                .WithTrackingName(TrackingNames.UserSpec);

            var diagnostics = results
                .Select(static (result, _) => result.Diagnostics)
                .WithComparer(DiagnosticsComparer.Instance)
                .WithTrackingName(TrackingNames.Diagnostics);

            // DJ0012 needs every marked class at once; collecting small equatable occurrences (not walking the
            // compilation) keeps it cached when nothing about the marked classes changed.
            var occurrences = results
                .Where(static result => result.Occurrence is not null)
                .Select(static (result, _) => result.Occurrence!)
                .WithTrackingName(TrackingNames.UserClass)
                .Collect();

            var singleUser = occurrences
                .Select(static (all, _) => MultipleUsersReporter.IsSingleUser(all))
                .WithTrackingName(TrackingNames.SingleUser);

            var multipleUsers = occurrences
                .Select(static (all, _) => MultipleUsersReporter.Report(all))
                .WithComparer(DiagnosticsComparer.Instance)
                .WithTrackingName(TrackingNames.MultipleUsersDiagnostics);

            // Combining each spec with one bool keeps emission per model: an unchanged spec and an unchanged bool stay cached.
            context.RegisterSourceOutput(specs.Combine(singleUser), static (spc, pair) =>
            {
                if (pair.Right)
                {
                    UserEmitter.Emit(spc, pair.Left);
                }
            });
            context.RegisterSourceOutput(diagnostics, static (spc, found) => Report(spc, found));
            context.RegisterSourceOutput(multipleUsers, static (spc, found) => Report(spc, found));
        }

        private static void Report(SourceProductionContext context, ImmutableArray<Diagnostic> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }
}
