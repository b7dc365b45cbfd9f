using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Djoser.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Djoser.Generators.Parsing
{
    /// <summary>One <c>[DjoserField]</c> on the user class, with where each argument is written (for diagnostics).</summary>
    internal sealed class DjoserFieldArguments
    {
        public DjoserFieldArguments(string propertyName, Location nameLocation, bool required, int? maxLength, Location maxLengthLocation, int? minLength, Location minLengthLocation)
        {
            PropertyName = propertyName;
            NameLocation = nameLocation;
            Required = required;
            MaxLength = maxLength;
            MaxLengthLocation = maxLengthLocation;
            MinLength = minLength;
            MinLengthLocation = minLengthLocation;
        }

        public string PropertyName { get; }

        public Location NameLocation { get; }

        public bool Required { get; }

        public int? MaxLength { get; }

        public Location MaxLengthLocation { get; }

        public int? MinLength { get; }

        public Location MinLengthLocation { get; }
    }

    /// <summary>A string field's merged rules: required, and its length bounds (the default bound when none is declared).</summary>
    internal readonly struct StringRules
    {
        public StringRules(bool required, int maxLength, int minLength)
        {
            Required = required;
            MaxLength = maxLength;
            MinLength = minLength;
        }

        public bool Required { get; }

        public int MaxLength { get; }

        public int MinLength { get; }
    }

    /// <summary>
    /// Reads the string rules of a field from <c>[Required]</c>, <c>[MaxLength]</c>, <c>[StringLength]</c> and
    /// <c>[MinLength]</c> on the property and from the class's <c>[DjoserField]</c>, which wins where it sets a value.
    /// </summary>
    internal static class FieldRulesReader
    {
        /// <summary><c>MaxLengthAttribute</c>'s "no limit" value (its parameterless constructor).</summary>
        private const int UnboundedMaxLength = -1;

        /// <summary>Every <c>[DjoserField]</c> of the class, or <c>null</c> when an argument does not evaluate (the compiler reports that).</summary>
        public static List<DjoserFieldArguments>? ReadClassAttributes(INamedTypeSymbol type, Location fallback, CancellationToken ct)
        {
            var result = new List<DjoserFieldArguments>();
            foreach (var attribute in type.GetAttributes())
            {
                ct.ThrowIfCancellationRequested();
                if (attribute.AttributeClass?.ToDisplayString() != KnownNames.DjoserFieldAttribute)
                {
                    continue;
                }

                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string name)
                {
                    return null;
                }

                var required = false;
                int? maxLength = null;
                int? minLength = null;
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Value.Kind == TypedConstantKind.Error)
                    {
                        return null;
                    }

                    switch (argument.Key)
                    {
                        case KnownNames.DjoserFieldRequiredArgument when argument.Value.Value is bool value:
                            required = value;
                            break;
                        case KnownNames.DjoserFieldMaxLengthArgument when argument.Value.Value is int value:
                            maxLength = value;
                            break;
                        case KnownNames.DjoserFieldMinLengthArgument when argument.Value.Value is int value:
                            minLength = value;
                            break;
                    }
                }

                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;
                var attributeLocation = syntax?.GetLocation() ?? fallback;
                var nameArgument = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null);
                result.Add(new DjoserFieldArguments(
                    name,
                    nameArgument?.Expression.GetLocation() ?? attributeLocation,
                    required,
                    maxLength,
                    AttributeReader.FindArgument(syntax, KnownNames.DjoserFieldMaxLengthArgument)?.Expression.GetLocation() ?? attributeLocation,
                    minLength,
                    AttributeReader.FindArgument(syntax, KnownNames.DjoserFieldMinLengthArgument)?.Expression.GetLocation() ?? attributeLocation));
            }

            return result;
        }

        /// <summary>The rules declared on the property alone, without checks (for fields that are only written, never read).</summary>
        public static StringRules FromMembers(IPropertySymbol property)
        {
            var declared = ReadMembers(property, null, CancellationToken.None);
            return new StringRules(declared.Required, declared.MaxLength is > 0 ? declared.MaxLength.Value : DefaultMaxLength(property), declared.MinLength ?? 0);
        }

        /// <summary>
        /// The merged rules of a string property that a body reads; <c>false</c> after reporting DJ0015 when a length
        /// is not positive or the minimum exceeds the maximum.
        /// </summary>
        public static bool TryResolve(IPropertySymbol property, DjoserFieldArguments? field, string typeDisplay, Location fallback, ImmutableArray<Diagnostic>.Builder diagnostics, CancellationToken ct, out StringRules rules)
        {
            var declared = ReadMembers(property, fallback, ct);
            var required = declared.Required || (field?.Required ?? false);
            var maxLength = declared.MaxLength;
            var maxLocation = declared.MaxLocation;
            if (field?.MaxLength is { } fieldMax)
            {
                maxLength = fieldMax;
                maxLocation = field.MaxLengthLocation;
            }

            var minLength = declared.MinLength;
            var minLocation = declared.MinLocation;
            if (field?.MinLength is { } fieldMin)
            {
                minLength = fieldMin;
                minLocation = field.MinLengthLocation;
            }

            rules = default;
            if (maxLength is <= 0)
            {
                Report(diagnostics, maxLocation, property, typeDisplay, "MaxLength " + Number(maxLength.Value));
                return false;
            }

            if (minLength is < 0)
            {
                Report(diagnostics, minLocation, property, typeDisplay, "MinLength " + Number(minLength.Value));
                return false;
            }

            var effectiveMax = maxLength ?? DefaultMaxLength(property);
            if (minLength is { } min && min > effectiveMax)
            {
                var bound = maxLength is null ? "the default MaxLength " : "MaxLength ";
                Report(diagnostics, minLocation, property, typeDisplay, "MinLength " + Number(min) + " greater than " + bound + Number(effectiveMax));
                return false;
            }

            rules = new StringRules(required, effectiveMax, minLength ?? 0);
            return true;
        }

        private static void Report(ImmutableArray<Diagnostic>.Builder diagnostics, Location? location, IPropertySymbol property, string typeDisplay, string problem) =>
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidFieldLength, location, property.Name, typeDisplay, problem));

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Identity's column length for its own <c>UserName</c> and <c>Email</c>, else the documented default bound.</summary>
        private static int DefaultMaxLength(IPropertySymbol property) =>
            (property.Name == KnownNames.UserNameProperty || property.Name == KnownNames.EmailProperty) && IsDeclaredByIdentity(property)
                ? KnownNames.IdentityStringMaxLength
                : KnownNames.DefaultStringMaxLength;

        private static bool IsDeclaredByIdentity(IPropertySymbol property)
        {
            var original = property;
            while (original.OverriddenProperty is { } overridden)
            {
                original = overridden;
            }

            return UserParser.IsIdentityUser(original.ContainingType);
        }

        private static MemberRules ReadMembers(IPropertySymbol property, Location? fallback, CancellationToken ct)
        {
            var rules = new MemberRules();
            foreach (var attribute in property.GetAttributes())
            {
                var name = attribute.AttributeClass?.ToDisplayString();
                var arguments = attribute.ConstructorArguments;
                var length = arguments.Length == 1 && arguments[0].Value is int value ? value : (int?)null;
                if (name == KnownNames.RequiredAttribute)
                {
                    rules.Required = true;
                }
                else if ((name == KnownNames.MaxLengthAttribute && length is { } max && max != UnboundedMaxLength)
                    || (name == KnownNames.StringLengthAttribute && length is not null))
                {
                    rules.MaxLength = length;
                    rules.MaxLocation = Where(attribute, fallback, ct);
                }
                else if (name == KnownNames.MinLengthAttribute && length is not null)
                {
                    rules.MinLength = length;
                    rules.MinLocation = Where(attribute, fallback, ct);
                }

                if (name == KnownNames.StringLengthAttribute)
                {
                    foreach (var argument in attribute.NamedArguments)
                    {
                        if (argument.Key == KnownNames.StringLengthMinimumArgument && argument.Value.Value is int minimum && minimum != 0)
                        {
                            rules.MinLength = minimum;
                            rules.MinLocation = Where(attribute, fallback, ct);
                        }
                    }
                }
            }

            return rules;
        }

        private static Location? Where(AttributeData attribute, Location? fallback, CancellationToken ct) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? fallback;

        private sealed class MemberRules
        {
            public bool Required { get; set; }

            public int? MaxLength { get; set; }

            public Location? MaxLocation { get; set; }

            public int? MinLength { get; set; }

            public Location? MinLocation { get; set; }
        }
    }
}
