using System;
using Djoser.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Djoser.Generators.Emitting
{
    /// <summary>Spec → files: one hint per generated part, <c>Djoser.{UserType}.{Part}.g.cs</c>.</summary>
    internal static class UserEmitter
    {
        public static void Emit(SourceProductionContext context, UserSpec spec)
        {
            Add(context, spec, "RegisterRequest", RegisterRequestEmitter.Emit);
            Add(context, spec, "UpdateRequest", UpdateRequestEmitter.Emit);
            Add(context, spec, "SetUsernameRequest", SetUsernameRequestEmitter.Emit);
            Add(context, spec, "Response", ResponseEmitter.Emit);
            Add(context, spec, "Model", ModelEmitter.Emit);
        }

        private static void Add(SourceProductionContext context, UserSpec spec, string part, Action<SourceWriter, UserSpec> emit)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var writer = new SourceWriter();
            CodeNames.WriteHeader(writer, spec);
            emit(writer, spec);
            CodeNames.WriteFooter(writer, spec);
            context.AddSource("Djoser." + spec.Name + "." + part + ".g.cs", writer.ToSourceText());
        }
    }
}
