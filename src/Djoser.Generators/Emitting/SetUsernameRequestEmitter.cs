using Djoser.Generators.Model;

namespace Djoser.Generators.Emitting
{
    /// <summary>Emits <c>{User}SetUsernameRequest</c>: <c>new_…</c>, <c>re_new_…</c> and <c>current_password</c>.</summary>
    internal static class SetUsernameRequestEmitter
    {
        public static void Emit(SourceWriter w, UserSpec spec)
        {
            var type = spec.Name + "SetUsernameRequest";
            var username = spec.UsernameField;
            var newName = "new_" + username.JsonName;
            var reNewName = "re_new_" + username.JsonName;


            w.WriteLine("/// <summary>The body of djoser's set-username endpoint for <see cref=\"" + spec.FullyQualifiedName + "\"/>.</summary>");
            w.WriteLine(CodeNames.GeneratedCodeAttribute);
            w.WriteLine("public sealed class " + type + " : global::Djoser.Model.IDjoserSetUsernameRequest<" + type + ">");
            w.OpenBlock();
            w.WriteLine("/// <summary><c>" + CodeNames.Xml(newName) + "</c>.</summary>");
            CodeNames.WriteJsonName(w, newName);
            w.WriteLine("public required string NewUsername { get; init; }");
            w.WriteLine();
            w.WriteLine("/// <summary><c>" + CodeNames.Xml(reNewName) + "</c>; <c>null</c> when retype is off.</summary>");
            CodeNames.WriteJsonName(w, reNewName);
            w.WriteLine("public string? ReNewUsername { get; init; }");
            w.WriteLine();
            w.WriteLine("/// <summary><c>current_password</c>.</summary>");
            CodeNames.WriteJsonName(w, "current_password");
            w.WriteLine("public required string CurrentPassword { get; init; }");
            w.WriteLine();
            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine("public static " + type + "? Bind(" + CodeNames.Body + " body, bool retype, " + CodeNames.Errors + " errors)");
            w.Indent();
            w.WriteLine("=> Bind(body, retype, askCurrentPassword: true, errors);");
            w.Unindent();
            w.WriteLine();
            w.WriteLine("/// <summary>");
            w.WriteLine("/// Reads <c>" + CodeNames.Xml(newName) + "</c> (and <c>" + CodeNames.Xml(reNewName) + "</c> with <paramref name=\"retype\"/>) without");
            w.WriteLine("/// <c>current_password</c>, as djoser 2.x's username reset confirm does; <see cref=\"CurrentPassword\"/> is then empty.");
            w.WriteLine("/// </summary>");
            w.WriteLine("public static " + type + "? BindNewUsername(" + CodeNames.Body + " body, bool retype, " + CodeNames.Errors + " errors)");
            w.Indent();
            w.WriteLine("=> Bind(body, retype, askCurrentPassword: false, errors);");
            w.Unindent();
            w.WriteLine();
            w.WriteLine("private static " + type + "? Bind(" + CodeNames.Body + " body, bool retype, bool askCurrentPassword, " + CodeNames.Errors + " errors)");
            w.OpenBlock();
            // new_… carries the username field's validators, as at registration; re_new_… is a plain required
            // CharField in djoser 1.1 (spec §2.2), so an invalid new value is reported once, on new_… only.
            w.WriteLine("var newUsername = " + CodeNames.ReadUsernameCall(spec, newName) + ";");
            w.WriteLine("var reNewUsername = retype");
            w.Indent();
            w.WriteLine("? body.ReadString(" + CodeNames.Literal(reNewName) + ", " + CodeNames.Rules + ".Required, errors)");
            w.WriteLine(": " + CodeNames.Optional + "<string?>.None;");
            w.Unindent();
            w.WriteLine("var currentPassword = askCurrentPassword");
            w.Indent();
            w.WriteLine("? body.ReadString(\"current_password\", " + CodeNames.Rules + ".Required, errors)");
            w.WriteLine(": " + CodeNames.Optional + "<string?>.Some(string.Empty);");
            w.Unindent();
            CodeNames.WriteReturnUnlessValid(w, type);
            w.WriteLine("NewUsername = newUsername.Value!,");
            if (username.IsEmail)
            {
                // new_… comes back with its domain lower-cased; the retype is compared the same way.
                w.WriteLine("ReNewUsername = reNewUsername.Value is { } reNew ? global::Djoser.Binding.DjoserEmailAddress.Normalize(reNew) : null,");
            }
            else
            {
                w.WriteLine("ReNewUsername = reNewUsername.Value,");
            }
            w.WriteLine("CurrentPassword = currentPassword.Value!,");
            w.CloseBlock(";");
            w.CloseBlock();
            w.CloseBlock();
        }
    }
}
