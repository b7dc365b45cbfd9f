using System.Collections.Generic;
using System.Linq;
using Djoser.Generators.Model;

namespace Djoser.Generators.Emitting
{
    /// <summary>Emits <c>{User}UpdateRequest</c>: the required fields as optionals (the username field is read-only).</summary>
    internal static class UpdateRequestEmitter
    {
        public static void Emit(SourceWriter w, UserSpec spec)
        {
            var type = spec.Name + "UpdateRequest";
            w.WriteLine("/// <summary>The PUT/PATCH body of djoser's current-user endpoint for <see cref=\"" + spec.FullyQualifiedName + "\"/>.</summary>");
            w.WriteLine(CodeNames.GeneratedCodeAttribute);
            w.WriteLine("public sealed class " + type + " : global::Djoser.Model.IDjoserUpdateRequest<" + type + ", " + spec.FullyQualifiedName + ">");
            w.OpenBlock();
            foreach (var field in spec.RequiredFields)
            {
                w.WriteLine("/// <summary><c>" + CodeNames.Xml(field.JsonName) + "</c>; absent when the body left it out.</summary>");
                CodeNames.WriteJsonName(w, field.JsonName);
                w.WriteLine("public " + OptionalType(field) + " " + CodeNames.Identifier(field.PropertyName) + " { get; init; }");
                w.WriteLine();
            }

            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine("public static " + type + "? Bind(" + CodeNames.Body + " body, bool partial, " + CodeNames.Errors + " errors)");
            w.OpenBlock();
            if (spec.RequiredFields.Count == 0)
            {
                w.WriteLine("return new " + type + "();");
            }
            else
            {
                EmitBindBody(w, spec, type);
            }

            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine("public void ApplyTo(" + spec.FullyQualifiedName + " user)");
            w.OpenBlock();
            var first = true;
            foreach (var field in spec.RequiredFields)
            {
                if (!first)
                {
                    w.WriteLine();
                }

                first = false;
                var property = CodeNames.Identifier(field.PropertyName);
                w.WriteLine("if (" + property + ".HasValue)");
                w.OpenBlock();
                w.WriteLine("user." + property + " = " + property + ".Value;");
                w.CloseBlock();
            }

            w.CloseBlock();
            w.CloseBlock();
        }

        private static void EmitBindBody(SourceWriter w, UserSpec spec, string type)
        {
            // PATCH (partial) makes every field optional; PUT requires the non-nullable ones (DRF's required=True).
            var used = new HashSet<string>(System.StringComparer.Ordinal) { "body", "errors", "partial", "requiredRule" };
            var anyRequired = spec.RequiredFields.Any(f => !f.IsNullable);
            if (anyRequired)
            {
                w.WriteLine("var requiredRule = partial ? " + CodeNames.Rules + ".None : " + CodeNames.Rules + ".Required;");
            }

            var locals = new List<string>();
            foreach (var field in spec.RequiredFields)
            {
                var local = CodeNames.Local(field.PropertyName, used);
                locals.Add(local);
                var rules = CodeNames.RulesOf(field, field.IsNullable ? null : "requiredRule", neverNull: false);
                w.WriteLine("var " + local + " = " + CodeNames.ReadCall(field, field.JsonName, rules) + ";");
            }

            CodeNames.WriteReturnUnlessValid(w, type);
            for (var i = 0; i < spec.RequiredFields.Count; i++)
            {
                var field = spec.RequiredFields[i];
                var property = CodeNames.Identifier(field.PropertyName);
                if (field.Kind == FieldKind.String && !field.IsNullable)
                {
                    // ReadString yields string?; a supplied non-nullable field is never null (AllowNull is off).
                    w.WriteLine(property + " = " + locals[i] + ".HasValue ? " + OptionalType(field) + ".Some(" + locals[i] + ".Value!) : " + OptionalType(field) + ".None,");
                }
                else
                {
                    w.WriteLine(property + " = " + locals[i] + ",");
                }
            }

            w.CloseBlock(";");
        }

        private static string OptionalType(FieldSpec field) => CodeNames.Optional + "<" + CodeNames.RequestType(field) + ">";
    }
}
