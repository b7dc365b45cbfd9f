using System.Collections.Generic;
using Djoser.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Djoser.Generators.Emitting
{
    /// <summary>Names, literals and rule expressions shared by the emitters.</summary>
    internal static class CodeNames
    {
        public const string Rules = "global::Djoser.Binding.DjoserFieldRules";
        public const string Body = "global::Djoser.Binding.DjoserRequestBody";
        public const string Errors = "global::Djoser.Errors.DjoserValidationErrors";
        public const string Optional = "global::Djoser.Binding.DjoserOptional";
        public const string FieldInfo = "global::Djoser.Model.DjoserFieldInfo";

        /// <summary>The generator's version as written in <c>[GeneratedCode]</c> (major.minor.patch).</summary>
        public static readonly string Version =
            typeof(CodeNames).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        public static string GeneratedCodeAttribute =>
            "[global::System.CodeDom.Compiler.GeneratedCode(\"Djoser.Generators\", \"" + Version + "\")]";

        /// <summary>
        /// The <c>[JsonPropertyName]</c> line of a payload property: its wire name, so a serializer or an OpenAPI
        /// document sees what the binder reads and the writer writes.
        /// </summary>
        public static void WriteJsonName(SourceWriter w, string jsonName) =>
            w.WriteLine("[global::System.Text.Json.Serialization.JsonPropertyName(" + Literal(jsonName) + ")]");

        /// <summary>A C# string literal.</summary>
        public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>An identifier, escaped with <c>@</c> when it is a keyword.</summary>
        public static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>Text safe inside an XML doc comment.</summary>
        public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        /// <summary>camelCase local for a property, unique within <paramref name="used"/>.</summary>
        public static string Local(string propertyName, HashSet<string> used)
        {
            var name = propertyName.Length == 0 ? "value" : char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);
            var candidate = name;
            for (var i = 2; !used.Add(candidate); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Identifier(candidate);
        }

        /// <summary>The rules of a field: <paramref name="required"/> (an expression or null) plus null/blank/e-mail flags.</summary>
        public static string RulesOf(FieldSpec field, string? required, bool neverNull)
        {
            var flags = new List<string>();
            if (required is not null)
            {
                flags.Add(required);
            }

            if (field.IsNullable && !neverNull)
            {
                flags.Add(Rules + ".AllowNull");
                if (field.Kind == FieldKind.String)
                {
                    flags.Add(Rules + ".AllowBlank");
                }
            }

            if (field.IsEmail)
            {
                flags.Add(Rules + ".Email");
            }

            return flags.Count == 0 ? Rules + ".None" : string.Join(" | ", flags);
        }

        /// <summary>The <c>body.Read…</c> call of a field.</summary>
        public static string ReadCall(FieldSpec field, string jsonName, string rules)
        {
            if (field.Kind == FieldKind.String)
            {
                var maxLength = field.MaxLength > 0
                    ? ", maxLength: " + field.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : string.Empty;
                var minLength = field.MinLength > 0
                    ? ", minLength: " + field.MinLength.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : string.Empty;
                return "body.ReadString(" + Literal(jsonName) + ", " + rules + ", errors" + maxLength + minLength + ")";
            }

            var method = field.IsNullable ? "ReadNullableValue" : "ReadValue";
            return "body." + method + "(" + Literal(jsonName) + ", " + rules + ", " + field.Converter + ", errors)";
        }

        /// <summary>
        /// The read of the username field as registration validates it (always required, never blank, with the
        /// model's username validator), under <paramref name="jsonName"/> (the field's own name by default).
        /// </summary>
        public static string ReadUsernameCall(UserSpec spec, string? jsonName = null) =>
            ReadCall(spec.UsernameField, jsonName ?? spec.UsernameField.JsonName, UsernameRules(spec));

        private static string UsernameRules(UserSpec spec)
        {
            var rules = RulesOf(spec.UsernameField, Rules + ".Required", neverNull: true);
            switch (spec.EffectiveUsernameValidator)
            {
                case UsernameValidatorKind.Unicode:
                    return rules + " | " + Rules + ".UnicodeUsername";
                case UsernameValidatorKind.Ascii:
                    return rules + " | " + Rules + ".AsciiUsername";
                default:
                    return rules;
            }
        }

        /// <summary>
        /// The field's type on a request: a required <c>string?</c> (<c>[Required]</c>, <c>[DjoserField(Required = true)]</c>)
        /// is never null once bound, so requests say <c>string</c>; otherwise the property's own type.
        /// </summary>
        public static string RequestType(FieldSpec field) =>
            field.Kind == FieldKind.String && !field.IsNullable ? "string" : field.TypeName;

        /// <summary>The type a read of the field yields inside <c>DjoserOptional</c>.</summary>
        public static string ReadType(FieldSpec field) =>
            field.Kind == FieldKind.String ? "string?" : field.TypeName;

        /// <summary>Opens the file: header, nullable context and the user's namespace.</summary>
        public static void WriteHeader(SourceWriter writer, UserSpec spec)
        {
            writer.WriteLine("// <auto-generated/>");
            writer.WriteLine("#nullable enable");
            writer.WriteLine();
            if (spec.Namespace.Length > 0)
            {
                writer.WriteLine("namespace " + spec.Namespace);
                writer.OpenBlock();
            }
        }

        public static void WriteFooter(SourceWriter writer, UserSpec spec)
        {
            if (spec.Namespace.Length > 0)
            {
                writer.CloseBlock();
            }
        }

        /// <summary>
        /// Ends a binder: every field was read first (so all errors are reported at once, as DRF's <c>is_valid</c>),
        /// then one check returns null on any error, and <c>return new Type</c> opens the initializer.
        /// </summary>
        public static void WriteReturnUnlessValid(SourceWriter writer, string type)
        {
            writer.WriteLine("if (errors.HasErrors)");
            writer.OpenBlock();
            writer.WriteLine("return null;");
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine("return new " + type);
            writer.OpenBlock();
        }

        /// <summary>Writes a property of <paramref name="field"/> as JSON through <c>writer</c>; true when it wrote a block.</summary>
        public static bool WriteJsonProperty(SourceWriter writer, FieldSpec field)
        {
            var name = Literal(field.JsonName);
            var value = Identifier(field.PropertyName);
            if (field.Kind == FieldKind.String)
            {
                // A Django CharField holds "" where an Identity string holds null (e.g. an e-mail never given), so a
                // nullable string goes out as "" as djoser's user object shows it (spec §3.1, §11).
                writer.WriteLine("writer.WriteString(" + name + ", " + value + (field.IsNullable ? " ?? \"\"" : string.Empty) + ");");
                return false;
            }

            writer.WriteLine("writer.WritePropertyName(" + name + ");");
            if (!field.IsNullable)
            {
                writer.WriteLine(field.Converter + ".Write(writer, " + value + ");");
                return false;
            }

            writer.WriteLine("if (" + value + ".HasValue)");
            writer.OpenBlock();
            writer.WriteLine(field.Converter + ".Write(writer, " + value + ".Value);");
            writer.CloseBlock();
            writer.WriteLine("else");
            writer.OpenBlock();
            writer.WriteLine("writer.WriteNullValue();");
            writer.CloseBlock();
            return true;
        }
    }
}
