using Djoser.Generators.Model;

namespace Djoser.Generators.Emitting
{
    /// <summary>Emits <c>{User}DjoserModel</c> and the module initializer that registers it with the runtime.</summary>
    internal static class ModelEmitter
    {
        public static void Emit(SourceWriter w, UserSpec spec)
        {
            var user = spec.FullyQualifiedName;
            var type = spec.Name + "DjoserModel";
            var username = CodeNames.Identifier(spec.UsernameField.PropertyName);

            w.WriteLine("/// <summary>The Djoser model of <see cref=\"" + user + "\"/>.</summary>");
            w.WriteLine(CodeNames.GeneratedCodeAttribute);
            w.WriteLine("internal sealed class " + type + " : global::Djoser.Model.IDjoserUserModel<" + user + ">");
            w.OpenBlock();
            if (spec.RequiredFields.Count == 0)
            {
                w.WriteLine("private static readonly " + CodeNames.FieldInfo + "[] RequiredFieldInfos = [];");
            }
            else
            {
                w.WriteLine("private static readonly " + CodeNames.FieldInfo + "[] RequiredFieldInfos =");
                w.WriteLine("[");
                w.Indent();
                foreach (var field in spec.RequiredFields)
                {
                    w.WriteLine(FieldInfo(field) + ",");
                }

                w.Unindent();
                w.WriteLine("];");
            }

            w.WriteLine();
            w.WriteLine("public " + CodeNames.FieldInfo + " UsernameField { get; } = " + FieldInfo(spec.UsernameField) + ";");
            w.WriteLine();
            w.WriteLine("public global::System.Collections.Generic.IReadOnlyList<" + CodeNames.FieldInfo + "> RequiredFields => RequiredFieldInfos;");
            w.WriteLine();
            w.WriteLine("public global::Djoser.Model.DjoserPayloadTypes PayloadTypes { get; } = new(typeof(" + spec.Name + "RegisterRequest), typeof("
                + spec.Name + "UpdateRequest), typeof(" + spec.Name + "SetUsernameRequest), typeof(" + spec.Name + "Response));");
            w.WriteLine();
            w.WriteLine("public string? GetUsername(" + user + " user) => user." + username + ";");
            w.WriteLine();
            w.WriteLine("public void SetUsername(" + user + " user, string username)");
            w.OpenBlock();
            w.WriteLine("user." + username + " = username;");
            if (!spec.UsernameIsUserName)
            {
                w.WriteLine("user." + KnownNames.UserNameProperty + " = username;");
            }

            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("public string? ReadUsername(" + CodeNames.Body + " body, " + CodeNames.Errors + " errors)");
            w.Indent();
            w.WriteLine("=> " + CodeNames.ReadUsernameCall(spec) + ".Value;");
            w.Unindent();
            w.WriteLine();
            w.WriteLine("public global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string, string?>> GetSimilarityAttributes(" + user + " user)");
            w.OpenBlock();
            w.WriteLine("yield return new(" + CodeNames.Literal(spec.UsernameField.VerboseName) + ", user." + username + ");");
            if (spec.EmailVerboseName.Length > 0)
            {
                w.WriteLine("yield return new(" + CodeNames.Literal(spec.EmailVerboseName) + ", user." + KnownNames.EmailProperty + ");");
            }

            foreach (var field in spec.RequiredFields)
            {
                if (field.Kind == FieldKind.String)
                {
                    w.WriteLine("yield return new(" + CodeNames.Literal(field.VerboseName) + ", user." + CodeNames.Identifier(field.PropertyName) + ");");
                }
            }

            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("public void AddServices<TContext>(global::Microsoft.Extensions.DependencyInjection.IServiceCollection services)");
            w.Indent();
            w.WriteLine("where TContext : global::Microsoft.EntityFrameworkCore.DbContext");
            w.WriteLine("=> global::Djoser.DjoserServiceCollectionExtensions.AddDjoserCore<" + user + ", " + spec.KeyTypeName + ", TContext>(services, this);");
            w.Unindent();
            w.WriteLine();
            w.WriteLine("public void ConfigureModel(global::Microsoft.EntityFrameworkCore.ModelBuilder modelBuilder)");
            w.Indent();
            w.WriteLine("=> global::Djoser.Data.DjoserModelBuilderExtensions.ApplyDjoserEntities<" + user + ", " + spec.KeyTypeName + ">(modelBuilder);");
            w.Unindent();
            w.WriteLine();
            w.WriteLine("public global::Djoser.Model.IDjoserRegistration<" + user + ">? BindRegistration(" + CodeNames.Body + " body, " + CodeNames.Errors + " errors)");
            w.Indent();
            w.WriteLine("=> " + spec.Name + "RegisterRequest.Bind(body, errors);");
            w.Unindent();
            w.WriteLine();
            w.WriteLine("public global::Djoser.Model.IDjoserUserUpdate<" + user + ">? BindUpdate(" + CodeNames.Body + " body, bool partial, " + CodeNames.Errors + " errors)");
            w.Indent();
            w.WriteLine("=> " + spec.Name + "UpdateRequest.Bind(body, partial, errors);");
            w.Unindent();
            w.WriteLine();
            w.WriteLine("public global::Djoser.Model.IDjoserUsernameChange? BindSetUsername(" + CodeNames.Body + " body, bool retype, " + CodeNames.Errors + " errors)");
            w.Indent();
            w.WriteLine("=> " + spec.Name + "SetUsernameRequest.Bind(body, retype, errors);");
            w.Unindent();
            w.WriteLine();
            w.WriteLine("public global::Djoser.Model.IDjoserUsernameChange? BindNewUsername(" + CodeNames.Body + " body, bool retype, " + CodeNames.Errors + " errors)");
            w.Indent();
            w.WriteLine("=> " + spec.Name + "SetUsernameRequest.BindNewUsername(body, retype, errors);");
            w.Unindent();
            w.WriteLine();
            EmitMatchUserId(w, spec);
            EmitLogin(w, spec);
            w.WriteLine("public void WriteUser(global::System.Text.Json.Utf8JsonWriter writer, " + user + " user, global::Djoser.Model.DjoserUserShape shape)");
            w.Indent();
            w.WriteLine("=> " + spec.Name + "Response.From(user).WriteTo(writer, shape);");
            w.Unindent();
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine(CodeNames.GeneratedCodeAttribute);
            w.WriteLine("file static class " + spec.Name + "DjoserModelRegistration");
            w.OpenBlock();
            w.WriteLine("// The runtime finds the model through this registry, without reflection.");
            w.WriteLine("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            w.WriteLine("internal static void Register()");
            w.Indent();
            w.WriteLine("=> global::Djoser.Model.DjoserModelRegistry.Register<" + user + ">(new " + type + "());");
            w.Unindent();
            w.CloseBlock();
        }

        /// <summary>The <c>/users/{id}/</c> filter: the route value read as the id field's type, compared in the database.</summary>
        private static void EmitMatchUserId(SourceWriter w, UserSpec spec)
        {
            var id = CodeNames.Identifier(spec.Id.PropertyName);
            var expression = "global::System.Linq.Expressions.Expression<global::System.Func<" + spec.FullyQualifiedName + ", bool>>";
            w.WriteLine("public " + expression + "? MatchUserId(string routeValue)");
            w.Indent();
            if (spec.Id.Kind == FieldKind.String)
            {
                w.WriteLine("=> user => user." + id + " == routeValue;");
            }
            else
            {
                w.WriteLine("=> " + spec.Id.Converter + ".TryRead(routeValue, out var value) ? user => user." + id + " == value : null;");
            }

            w.Unindent();
            w.WriteLine();
        }

        /// <summary>djoser's <c>LOGIN_FIELD</c>: its names, and the filter of the user a login names (none: Identity's username).</summary>
        private static void EmitLogin(SourceWriter w, UserSpec spec)
        {
            w.WriteLine("public " + CodeNames.FieldInfo + " LoginField " + (spec.LoginIsUsername ? "=> UsernameField;" : "{ get; } = " + FieldInfo(spec.LoginField) + ";"));
            w.WriteLine();
            var expression = "global::System.Linq.Expressions.Expression<global::System.Func<" + spec.FullyQualifiedName + ", bool>>";
            w.WriteLine("public " + expression + "? MatchLogin(string login)");
            w.Indent();
            w.WriteLine(spec.LoginIsUsername ? "=> null;" : "=> user => user." + CodeNames.Identifier(spec.LoginField.PropertyName) + " == login;");
            w.Unindent();
            w.WriteLine();
        }

        private static string FieldInfo(FieldSpec field) =>
            "new " + CodeNames.FieldInfo + "(" + CodeNames.Literal(field.PropertyName) + ", " + CodeNames.Literal(field.JsonName) + ", " + CodeNames.Literal(field.VerboseName) + ")";
    }
}
