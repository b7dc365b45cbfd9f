using System.Collections.Generic;
using Djoser.Generators.Model;

namespace Djoser.Generators.Emitting
{
    /// <summary>Emits <c>{User}Response</c>: the user object of djoser's <c>UserSerializer</c>/<c>UserCreateSerializer</c>.</summary>
    internal static class ResponseEmitter
    {
        public static void Emit(SourceWriter w, UserSpec spec)
        {
            var type = spec.Name + "Response";
            var fields = new List<FieldSpec>(spec.RequiredFields) { spec.Id, spec.UsernameField };

            w.WriteLine("/// <summary>The user object djoser returns for <see cref=\"" + spec.FullyQualifiedName + "\"/>.</summary>");
            w.WriteLine(CodeNames.GeneratedCodeAttribute);
            w.WriteLine("public sealed class " + type + " : global::Djoser.Model.IDjoserUserResponse<" + type + ", " + spec.FullyQualifiedName + ">");
            w.OpenBlock();
            foreach (var field in fields)
            {
                var note = ReferenceEquals(field, spec.UsernameField) ? ": the username field" : string.Empty;
                w.WriteLine("/// <summary><c>" + CodeNames.Xml(field.JsonName) + "</c>" + note + ".</summary>");
                CodeNames.WriteJsonName(w, field.JsonName);
                w.WriteLine("public required " + field.TypeName + " " + CodeNames.Identifier(field.PropertyName) + " { get; init; }");
                w.WriteLine();
            }

            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine("public static " + type + " From(" + spec.FullyQualifiedName + " user)");
            w.OpenBlock();
            w.WriteLine("return new " + type);
            w.OpenBlock();
            foreach (var field in fields)
            {
                var property = CodeNames.Identifier(field.PropertyName);
                w.WriteLine(property + " = user." + property + ",");
            }

            w.CloseBlock(";");
            w.CloseBlock();
            w.WriteLine();

            // Key order follows djoser's serializers (spec §2.1): REQUIRED_FIELDS first, then id and the username
            // field, the id after the username field in the 201 of registration.
            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine("public void WriteTo(global::System.Text.Json.Utf8JsonWriter writer, global::Djoser.Model.DjoserUserShape shape)");
            w.OpenBlock();
            w.WriteLine("writer.WriteStartObject();");
            foreach (var field in spec.RequiredFields)
            {
                if (CodeNames.WriteJsonProperty(w, field))
                {
                    w.WriteLine();
                }
            }

            w.WriteLine("if (shape == global::Djoser.Model.DjoserUserShape.User)");
            w.OpenBlock();
            CodeNames.WriteJsonProperty(w, spec.Id);
            w.CloseBlock();
            w.WriteLine();
            if (CodeNames.WriteJsonProperty(w, spec.UsernameField))
            {
                w.WriteLine();
            }

            w.WriteLine("if (shape == global::Djoser.Model.DjoserUserShape.Created)");
            w.OpenBlock();
            CodeNames.WriteJsonProperty(w, spec.Id);
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("writer.WriteEndObject();");
            w.CloseBlock();
            w.CloseBlock();
        }
    }
}
