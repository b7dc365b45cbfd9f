using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Djoser.Generators.Diagnostics;
using Djoser.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Djoser.Generators.Parsing
{
    /// <summary>Symbols → <see cref="UserSpec"/>. All symbol work happens here; nothing symbolic leaves it.</summary>
    internal static class UserParser
    {
        /// <summary>Wire names djoser's own payloads and responses use next to the user's fields.</summary>
        private static readonly string[] ReservedJsonNames =
        {
            "password", "current_password", "new_password", "re_new_password", "uid", "token", "id", "auth_token",
        };

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.IsEmpty)
            {
                return new ParseResult(null, ImmutableArray<Diagnostic>.Empty, null);
            }

            var classLocation = context.TargetNode is ClassDeclarationSyntax declaration
                ? declaration.Identifier.GetLocation()
                : context.TargetNode.GetLocation();
            var typeDisplay = type.ToDisplayString();
            var attributeLocation = context.Attributes[0].ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? classLocation;
            var occurrence = new UserClassOccurrence(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), typeDisplay, attributeLocation);
            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();

            if (!IsValidClassShape(type))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidUserClass, classLocation, typeDisplay));
                return new ParseResult(null, diagnostics.ToImmutable(), occurrence);
            }

            if (FindUnsupportedContainer(type) is { } container)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ContainingTypeNotSupported, classLocation, typeDisplay, container.ToDisplayString(), type.Name));
                return new ParseResult(null, diagnostics.ToImmutable(), occurrence);
            }

            var keyType = FindKeyType(type);
            if (keyType is null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NotIdentityUser, classLocation, typeDisplay));
                return new ParseResult(null, diagnostics.ToImmutable(), occurrence);
            }

            var arguments = AttributeReader.Read(context.Attributes[0], classLocation, ct);
            if (arguments is null)
            {
                // An argument that does not evaluate already has a compiler error; adding ours would only repeat it.
                return new ParseResult(null, ImmutableArray<Diagnostic>.Empty, occurrence);
            }

            var fieldAttributes = FieldRulesReader.ReadClassAttributes(type, classLocation, ct);
            if (fieldAttributes is null)
            {
                return new ParseResult(null, ImmutableArray<Diagnostic>.Empty, occurrence);
            }

            var fieldRules = CheckFieldAttributes(type, typeDisplay, fieldAttributes, diagnostics);
            var usernameField = ResolveUsernameField(type, typeDisplay, arguments, fieldRules, diagnostics, ct);
            var requiredFields = ResolveRequiredFields(type, typeDisplay, arguments, fieldRules, diagnostics, ct);
            foreach (var unused in fieldRules.Values)
            {
                if (unused.PropertyName != arguments.UsernameField && !arguments.RequiredFields.Contains(unused.PropertyName))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnusedDjoserField, unused.NameLocation, unused.PropertyName, typeDisplay));
                }
            }

            var id = ResolveUserIdField(type, typeDisplay, arguments, diagnostics);

            if (usernameField is not null && requiredFields is not null)
            {
                CheckJsonNames(typeDisplay, usernameField, arguments, requiredFields, diagnostics);
            }

            var loginField = ResolveLoginField(typeDisplay, arguments, usernameField, requiredFields, diagnostics);
            if (usernameField is null || requiredFields is null || id is null || loginField is null
                || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return new ParseResult(null, diagnostics.ToImmutable(), occurrence);
            }

            var emailVerboseName = string.Empty;
            if (usernameField.PropertyName != KnownNames.EmailProperty
                && !requiredFields.Any(f => f.PropertyName == KnownNames.EmailProperty)
                && FindProperty(type, KnownNames.EmailProperty) is { Type.SpecialType: SpecialType.System_String } email
                && FieldClassifier.Classify(email) is { } emailField)
            {
                emailVerboseName = emailField.VerboseName;
            }

            var spec = new UserSpec(
                type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
                type.Name,
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                keyType.ToDisplayString(FieldClassifier.TypeFormat),
                id,
                usernameField,
                new EquatableArray<FieldSpec>(requiredFields.ToArray()),
                emailVerboseName,
                arguments.UsernameValidator,
                loginField);
            return new ParseResult(spec, diagnostics.Count == 0 ? ImmutableArray<Diagnostic>.Empty : diagnostics.ToImmutable(), occurrence);
        }

        /// <summary>Whether <paramref name="type"/> is Identity's <c>IdentityUser&lt;TKey&gt;</c> (open or closed).</summary>
        public static bool IsIdentityUser(INamedTypeSymbol? type) =>
            type is not null
            && type.OriginalDefinition.MetadataName == KnownNames.IdentityUserGenericMetadataName
            && type.ContainingNamespace?.ToDisplayString() == KnownNames.IdentityNamespace;

        /// <summary>The class's own shape (DJ0005); what it is nested in is <see cref="FindUnsupportedContainer"/>'s job.</summary>
        private static bool IsValidClassShape(INamedTypeSymbol type) =>
            type.TypeKind == TypeKind.Class
            && !type.IsAbstract
            && !type.IsStatic
            && type.DeclaredAccessibility == Accessibility.Public
            && type.TypeParameters.IsEmpty
            && type.InstanceConstructors.Any(c => c.Parameters.IsEmpty && c.DeclaredAccessibility == Accessibility.Public);

        /// <summary>
        /// The outermost containing type that is not public or is generic (DJ0013). A public class nested in public
        /// non-generic types is fine: generated types sit in the namespace and refer to it by its full name.
        /// </summary>
        private static INamedTypeSymbol? FindUnsupportedContainer(INamedTypeSymbol type)
        {
            INamedTypeSymbol? found = null;
            for (var current = type.ContainingType; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public || current.IsGenericType)
                {
                    found = current;
                }
            }

            return found;
        }

        private static ITypeSymbol? FindKeyType(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (IsIdentityUser(current) && current.TypeArguments.Length == 1)
                {
                    var key = current.TypeArguments[0];
                    var supported = key.SpecialType is SpecialType.System_String or SpecialType.System_Int32 or SpecialType.System_Int64
                        || (key.MetadataName == "Guid" && key.ContainingNamespace?.ToDisplayString() == "System");
                    return supported ? key : null;
                }
            }

            return null;
        }

        /// <summary>The most derived instance property of that name, walking base types (hidden members lose).</summary>
        private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                var property = current.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault(p => !p.IsStatic && !p.IsIndexer);
                if (property is not null)
                {
                    return property;
                }
            }

            return null;
        }

        /// <summary>The valid <c>[DjoserField]</c>s by property name (DJ0014, DJ0016, DJ0017 for the others), in attribute order.</summary>
        private static Dictionary<string, DjoserFieldArguments> CheckFieldAttributes(INamedTypeSymbol type, string typeDisplay, List<DjoserFieldArguments> fields, ImmutableArray<Diagnostic>.Builder diagnostics)
        {
            var valid = new Dictionary<string, DjoserFieldArguments>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                var name = field.PropertyName;
                if (!seen.Add(name))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DuplicateDjoserField, field.NameLocation, name, typeDisplay));
                    continue;
                }

                var property = FindProperty(type, name);
                if (property is null)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DjoserFieldNotFound, field.NameLocation, name, typeDisplay, Suggestion(type, name)));
                    continue;
                }

                if (property.Type.SpecialType != SpecialType.System_String)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DjoserFieldNotString, field.NameLocation, name, typeDisplay, property.Type.ToDisplayString()));
                    continue;
                }

                valid.Add(name, field);
            }

            return valid;
        }

        /// <summary>A string property's checked rules; <c>false</c> after a DJ0015.</summary>
        private static bool TryResolveRules(IPropertySymbol property, Dictionary<string, DjoserFieldArguments> fieldRules, string typeDisplay, Location location, ImmutableArray<Diagnostic>.Builder diagnostics, CancellationToken ct, out StringRules? rules)
        {
            rules = null;
            if (property.Type.SpecialType != SpecialType.System_String)
            {
                return true;
            }

            fieldRules.TryGetValue(property.Name, out var field);
            if (!FieldRulesReader.TryResolve(property, field, typeDisplay, location, diagnostics, ct, out var resolved))
            {
                return false;
            }

            rules = resolved;
            return true;
        }

        private static FieldSpec? ResolveUsernameField(INamedTypeSymbol type, string typeDisplay, DjoserUserArguments arguments, Dictionary<string, DjoserFieldArguments> fieldRules, ImmutableArray<Diagnostic>.Builder diagnostics, CancellationToken ct)
        {
            var name = arguments.UsernameField;
            var property = FindProperty(type, name);
            if (property is null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UsernameFieldNotFound, arguments.UsernameLocation, name, typeDisplay, Suggestion(type, name)));
                return null;
            }

            if (!FieldClassifier.IsReadWrite(property))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.PropertyNotReadWrite, arguments.UsernameLocation, name, typeDisplay));
                return null;
            }

            if (property.Type.SpecialType != SpecialType.System_String)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UsernameFieldNotString, arguments.UsernameLocation, name, typeDisplay, property.Type.ToDisplayString()));
                return null;
            }

            return TryResolveRules(property, fieldRules, typeDisplay, arguments.UsernameLocation, diagnostics, ct, out var rules)
                ? FieldClassifier.Classify(property, rules)
                : null;
        }

        /// <summary>
        /// djoser's <c>USER_ID_FIELD</c> (<c>Id</c> by default): a key-like property, written as the user object's id and
        /// matched by <c>/users/{id}/</c>.
        /// </summary>
        private static FieldSpec? ResolveUserIdField(INamedTypeSymbol type, string typeDisplay, DjoserUserArguments arguments, ImmutableArray<Diagnostic>.Builder diagnostics)
        {
            var property = FindProperty(type, arguments.UserIdField);
            var field = property is { DeclaredAccessibility: Accessibility.Public, GetMethod.DeclaredAccessibility: Accessibility.Public }
                ? FieldClassifier.Classify(property)
                : null;
            var keyLike = field is { IsNullable: false }
                && (field.Kind == FieldKind.String
                    || field.ValueTypeName is "global::System.Guid" or "int" or "long");
            if (!keyLike)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UserIdFieldNotUsable, arguments.UserIdLocation, arguments.UserIdField, typeDisplay));
                return null;
            }

            return field;
        }

        /// <summary>
        /// djoser's <c>LOGIN_FIELD</c> (the username field by default): a string that registration sets, so that every
        /// user can log in by it.
        /// </summary>
        private static FieldSpec? ResolveLoginField(string typeDisplay, DjoserUserArguments arguments, FieldSpec? usernameField, List<FieldSpec>? requiredFields, ImmutableArray<Diagnostic>.Builder diagnostics)
        {
            if (usernameField is null || requiredFields is null)
            {
                return null;
            }

            if (arguments.LoginField is null || arguments.LoginField == usernameField.PropertyName)
            {
                return usernameField;
            }

            var field = requiredFields.FirstOrDefault(f => f.PropertyName == arguments.LoginField && f.Kind == FieldKind.String);
            if (field is null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.LoginFieldNotRegistered, arguments.LoginLocation, arguments.LoginField, typeDisplay));
            }

            return field;
        }

        private static List<FieldSpec>? ResolveRequiredFields(INamedTypeSymbol type, string typeDisplay, DjoserUserArguments arguments, Dictionary<string, DjoserFieldArguments> fieldRules, ImmutableArray<Diagnostic>.Builder diagnostics, CancellationToken ct)
        {
            var fields = new List<FieldSpec>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var valid = true;
            for (var i = 0; i < arguments.RequiredFields.Length; i++)
            {
                ct.ThrowIfCancellationRequested();
                var name = arguments.RequiredFields[i];
                var location = arguments.RequiredLocations[i];
                if (name == arguments.UsernameField)
                {
                    // Django's auth.E002: the username field is always asked for; listing it again is a mistake.
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UsernameFieldInRequiredFields, location, name, typeDisplay));
                    valid = false;
                    continue;
                }

                if (!seen.Add(name))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DuplicateRequiredField, location, name, typeDisplay));
                    valid = false;
                    continue;
                }

                var property = FindProperty(type, name);
                if (property is null)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.RequiredFieldNotFound, location, name, typeDisplay, Suggestion(type, name)));
                    valid = false;
                    continue;
                }

                if (!FieldClassifier.IsReadWrite(property))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.PropertyNotReadWrite, location, name, typeDisplay));
                    valid = false;
                    continue;
                }

                if (!TryResolveRules(property, fieldRules, typeDisplay, location, diagnostics, ct, out var rules))
                {
                    valid = false;
                    continue;
                }

                var field = FieldClassifier.Classify(property, rules);
                if (field is null)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedPropertyType, location, name, typeDisplay, property.Type.ToDisplayString()));
                    valid = false;
                    continue;
                }

                if (field.Kind == FieldKind.String && field.IsNullable)
                {
                    // A property the user cannot redeclare non-nullable (Identity's Email: CS8765) needs the class-level attribute.
                    var advice = property.Locations.Any(l => l.IsInSource)
                        ? "make it non-nullable or mark it [Required]"
                        : "put [DjoserField(nameof(" + name + "), Required = true)] on '" + type.Name + "'";
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NullableRequiredField, location, name, typeDisplay, advice));
                }

                fields.Add(field);
            }

            return valid ? fields : null;
        }

        private static void CheckJsonNames(string typeDisplay, FieldSpec usernameField, DjoserUserArguments arguments, List<FieldSpec> requiredFields, ImmutableArray<Diagnostic>.Builder diagnostics)
        {
            var all = new List<(FieldSpec Field, Location Location)> { (usernameField, arguments.UsernameLocation) };
            for (var i = 0; i < requiredFields.Count; i++)
            {
                var index = arguments.RequiredFields.IndexOf(requiredFields[i].PropertyName);
                all.Add((requiredFields[i], index >= 0 ? arguments.RequiredLocations[index] : arguments.UsernameLocation));
            }

            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (field, location) in all)
            {
                string? collision = null;
                if (Array.IndexOf(ReservedJsonNames, field.JsonName) >= 0)
                {
                    collision = "djoser's own field '" + field.JsonName + "'";
                }
                else if (owners.TryGetValue(field.JsonName, out var owner))
                {
                    collision = "property '" + owner + "'";
                }
                else
                {
                    owners.Add(field.JsonName, field.PropertyName);
                }

                if (collision is not null)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.JsonNameCollision, location, field.JsonName, field.PropertyName, typeDisplay, collision));
                }
            }
        }

        /// <summary>
        /// " (did you mean 'X'?)" for the public property nearest to <paramref name="name"/> (edit distance,
        /// case-insensitive), or nothing when no property is close enough to be a likely typo.
        /// </summary>
        private static string Suggestion(INamedTypeSymbol type, string name)
        {
            if (name.Length == 0)
            {
                // Nothing was named, so nothing was misspelt.
                return string.Empty;
            }

            string? best = null;
            var bestDistance = Math.Max(2, name.Length / 3) + 1;
            var candidates = new SortedSet<string>(StringComparer.Ordinal);
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
                {
                    if (!property.IsStatic && !property.IsIndexer && property.DeclaredAccessibility == Accessibility.Public)
                    {
                        candidates.Add(property.Name);
                    }
                }
            }

            foreach (var candidate in candidates)
            {
                var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best is null ? string.Empty : " (did you mean '" + best + "'?)";
        }

        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
