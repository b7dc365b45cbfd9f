using System.Collections.Generic;
using Djoser.Generators.Model;

namespace Djoser.Generators.Emitting
{
    /// <summary>Emits <c>{User}RegisterRequest</c>: username field, required fields and <c>password</c>.</summary>
    internal static class RegisterRequestEmitter
    {
        public static void Emit(SourceWriter w, UserSpec spec)
        {
            var type = spec.Name + "RegisterRequest";
            var username = spec.UsernameField;
            var usernameProperty = CodeNames.Identifier(username.PropertyName);

            w.WriteLine("/// <summary>The body of djoser's registration endpoint for <see cref=\"" + spec.FullyQualifiedName + "\"/>.</summary>");
            w.WriteLine(CodeNames.GeneratedCodeAttribute);
            w.WriteLine("public sealed class " + type + " : global::Djoser.Model.IDjoserRegisterRequest<" + type + ", " + spec.FullyQualifiedName + ">");
            w.OpenBlock();

            w.WriteLine("/// <summary><c>" + CodeNames.Xml(username.JsonName) + "</c>: the username field.</summary>");
            CodeNames.WriteJsonName(w, username.JsonName);
            w.WriteLine("public required string " + usernameProperty + " { get; init; }");
            w.WriteLine();
            foreach (var field in spec.RequiredFields)
            {
                w.WriteLine("/// <summary><c>" + CodeNames.Xml(field.JsonName) + "</c>.</summary>");
                CodeNames.WriteJsonName(w, field.JsonName);
                w.WriteLine("public " + (field.IsNullable ? string.Empty : "required ") + CodeNames.RequestType(field) + " " + CodeNames.Identifier(field.PropertyName) + " { get; init; }");
                w.WriteLine();
            }

            w.WriteLine("/// <summary><c>password</c>.</summary>");
            CodeNames.WriteJsonName(w, "password");
            w.WriteLine("public required string Password { get; init; }");
            w.WriteLine();

            // Bind: every field is read before deciding, so all errors are reported at once (DRF's is_valid).
            var used = new HashSet<string>(System.StringComparer.Ordinal) { "body", "errors", "password" };
            var required = CodeNames.Rules + ".Required";
            var usernameLocal = CodeNames.Local(username.PropertyName, used);
            var locals = new List<string>();
            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine("public static " + type + "? Bind(" + CodeNames.Body + " body, " + CodeNames.Errors + " errors)");
            w.OpenBlock();

            // DRF's UserCreateSerializer field order (REQUIRED_FIELDS, USERNAME_FIELD, password) is the order of its errors.
            foreach (var field in spec.RequiredFields)
            {
                var local = CodeNames.Local(field.PropertyName, used);
                locals.Add(local);
                var rules = CodeNames.RulesOf(field, field.IsNullable ? null : required, neverNull: false);
                w.WriteLine("var " + local + " = " + CodeNames.ReadCall(field, field.JsonName, rules) + ";");
            }

            w.WriteLine("var " + usernameLocal + " = " + CodeNames.ReadUsernameCall(spec) + ";");

            w.WriteLine("var password = body.ReadString(\"password\", " + required + ", errors);");

            CodeNames.WriteReturnUnlessValid(w, type);
            w.WriteLine(usernameProperty + " = " + usernameLocal + ".Value!,");
            for (var i = 0; i < spec.RequiredFields.Count; i++)
            {
                var field = spec.RequiredFields[i];
                var suffix = field.Kind == FieldKind.String && !field.IsNullable ? ".Value!" : ".Value";
                w.WriteLine(CodeNames.Identifier(field.PropertyName) + " = " + locals[i] + suffix + ",");
            }

            w.WriteLine("Password = password.Value!,");
            w.CloseBlock(";");
            w.CloseBlock();
            w.WriteLine();

            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine("public " + spec.FullyQualifiedName + " CreateUser()");
            w.OpenBlock();
            w.WriteLine("return new " + spec.FullyQualifiedName);
            w.OpenBlock();
            w.WriteLine(usernameProperty + " = " + usernameProperty + ",");
            if (!spec.UsernameIsUserName)
            {
                // Identity's UserName carries the unique index, so it mirrors the username field.
                w.WriteLine(KnownNames.UserNameProperty + " = " + usernameProperty + ",");
            }

            foreach (var field in spec.RequiredFields)
            {
                var property = CodeNames.Identifier(field.PropertyName);
                w.WriteLine(property + " = " + property + ",");
            }

            w.CloseBlock(";");
            w.CloseBlock();
            w.CloseBlock();
        }
    }
}
