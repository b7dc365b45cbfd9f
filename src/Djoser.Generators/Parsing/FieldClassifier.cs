using System.Linq;
using Djoser.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Djoser.Generators.Parsing
{
    /// <summary>Turns a property into a <see cref="FieldSpec"/>: its names, type kind, converter and string rules.</summary>
    internal static class FieldClassifier
    {
        private const string Converters = "global::Djoser.Binding.DjoserValueConverters.";

        /// <summary>The type as generated code writes it: <c>global::</c>, keywords for special types, <c>?</c> kept.</summary>
        public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        /// <summary>Whether the property has a public getter and a public, non-init setter.</summary>
        public static bool IsReadWrite(IPropertySymbol property) =>
            property.DeclaredAccessibility == Accessibility.Public
            && property.GetMethod is { DeclaredAccessibility: Accessibility.Public }
            && property.SetMethod is { DeclaredAccessibility: Accessibility.Public, IsInitOnly: false };

        /// <summary>The spec, or <c>null</c> when the type is not one djoser binds.</summary>
        /// <param name="property">The property.</param>
        /// <param name="rules">A string's checked rules (<see cref="FieldRulesReader.TryResolve"/>); omitted, the property's own are read unchecked.</param>
        public static FieldSpec? Classify(IPropertySymbol property, StringRules? rules = null)
        {
            var type = property.Type;
            var jsonName = JsonName(property);
            var verboseName = JsonNaming.VerboseName(property.Name, jsonName);
            var typeName = type.ToDisplayString(TypeFormat);

            if (type.SpecialType == SpecialType.System_String)
            {
                var stringRules = rules ?? FieldRulesReader.FromMembers(property);
                var isNullable = type.NullableAnnotation == NullableAnnotation.Annotated && !stringRules.Required;
                return new FieldSpec(property.Name, jsonName, verboseName, typeName, "string", FieldKind.String, isNullable, string.Empty, IsEmail(property), stringRules.MaxLength, stringRules.MinLength);
            }

            var valueType = type;
            var nullableValue = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                valueType = nullable.TypeArguments[0];
                nullableValue = true;
            }

            var converter = Converter(valueType);
            if (converter is null)
            {
                return null;
            }

            return new FieldSpec(property.Name, jsonName, verboseName, typeName, valueType.ToDisplayString(TypeFormat), FieldKind.Value, nullableValue, converter, IsEmail: false, MaxLength: 0, MinLength: 0);
        }

        private static string? Converter(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean: return Converters + "Boolean";
                case SpecialType.System_Byte: return Converters + "Byte";
                case SpecialType.System_Int16: return Converters + "Int16";
                case SpecialType.System_Int32: return Converters + "Int32";
                case SpecialType.System_Int64: return Converters + "Int64";
                case SpecialType.System_Decimal: return Converters + "Decimal";
                case SpecialType.System_Double: return Converters + "Double";
                case SpecialType.System_Single: return Converters + "Single";
                case SpecialType.System_DateTime: return Converters + "DateTime";
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                // Generated DTOs are public, so the enum must be visible from outside its assembly (else CS0053).
                return IsPubliclyVisible(type) ? Converters + "Enum<" + type.ToDisplayString(TypeFormat) + ">()" : null;
            }

            if (type.ContainingNamespace?.ToDisplayString() == "System" && type.ContainingType is null)
            {
                switch (type.MetadataName)
                {
                    case "Guid": return Converters + "Guid";
                    case "DateOnly": return Converters + "DateOnly";
                    case "DateTimeOffset": return Converters + "DateTimeOffset";
                }
            }

            return null;
        }

        /// <summary>Whether the type and every type containing it are public.</summary>
        public static bool IsPubliclyVisible(ITypeSymbol type)
        {
            for (ISymbol? symbol = type; symbol is ITypeSymbol; symbol = symbol.ContainingType)
            {
                if (symbol.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        private static string JsonName(IPropertySymbol property)
        {
            var attribute = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.JsonPropertyNameAttribute);
            if (attribute is { ConstructorArguments.Length: 1 } && attribute.ConstructorArguments[0].Value is string name && name.Length > 0)
            {
                return name;
            }

            return JsonNaming.DefaultJsonName(property.Name);
        }

        private static bool IsEmail(IPropertySymbol property) =>
            property.Name == KnownNames.EmailProperty
            || property.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.EmailAddressAttribute);
    }
}
