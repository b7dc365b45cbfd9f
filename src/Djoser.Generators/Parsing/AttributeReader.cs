using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Djoser.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Djoser.Generators.Parsing
{
    /// <summary>The arguments of one <c>[DjoserUser]</c>, with where each one is written (for diagnostics).</summary>
    internal sealed class DjoserUserArguments
    {
        public DjoserUserArguments(string usernameField, Location usernameLocation, ImmutableArray<string> requiredFields, ImmutableArray<Location> requiredLocations, UsernameValidatorKind usernameValidator, string userIdField, Location userIdLocation, string? loginField, Location loginLocation)
        {
            LoginField = loginField;
            LoginLocation = loginLocation;
            UserIdField = userIdField;
            UserIdLocation = userIdLocation;
            UsernameField = usernameField;
            UsernameLocation = usernameLocation;
            RequiredFields = requiredFields;
            RequiredLocations = requiredLocations;
            UsernameValidator = usernameValidator;
        }

        public string UsernameField { get; }

        public Location UsernameLocation { get; }

        public ImmutableArray<string> RequiredFields { get; }

        public ImmutableArray<Location> RequiredLocations { get; }

        public UsernameValidatorKind UsernameValidator { get; }

        /// <summary>djoser's <c>USER_ID_FIELD</c>: the property of the user object's id and of <c>/users/{id}/</c>.</summary>
        public string UserIdField { get; }

        public Location UserIdLocation { get; }

        /// <summary>djoser's <c>LOGIN_FIELD</c>: what token login (and Basic) look the user up by; <c>null</c> for the username field.</summary>
        public string? LoginField { get; }

        public Location LoginLocation { get; }
    }

    /// <summary>Reads <c>UsernameField</c>, <c>RequiredFields</c>, <c>UsernameValidator</c> and <c>UserIdField</c> from the attribute, string literals and <c>nameof</c> alike.</summary>
    internal static class AttributeReader
    {
        /// <summary>The arguments, or <c>null</c> when a value does not evaluate (the compiler already reports that).</summary>
        public static DjoserUserArguments? Read(AttributeData attribute, Location fallback, CancellationToken ct)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;
            var attributeLocation = syntax?.GetLocation() ?? fallback;

            var usernameField = KnownNames.DefaultUsernameField;
            var requiredFields = ImmutableArray<string>.Empty;
            var usernameValidator = UsernameValidatorKind.Unicode;
            var userIdField = KnownNames.IdProperty;
            string? loginField = null;
            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value;
                if (value.Kind == TypedConstantKind.Error)
                {
                    return null;
                }

                if (argument.Key == KnownNames.UsernameFieldArgument)
                {
                    // A null (UsernameField = null!) names no property: DJ0001 says so, as for any other such name.
                    if (value.IsNull)
                    {
                        usernameField = string.Empty;
                        continue;
                    }

                    if (value.Value is not string name)
                    {
                        return null;
                    }

                    usernameField = name;
                }
                else if (argument.Key == KnownNames.RequiredFieldsArgument)
                {
                    if (value.IsNull)
                    {
                        continue;
                    }

                    if (value.Kind != TypedConstantKind.Array)
                    {
                        return null;
                    }

                    var builder = ImmutableArray.CreateBuilder<string>(value.Values.Length);
                    foreach (var element in value.Values)
                    {
                        if (element.Kind == TypedConstantKind.Error)
                        {
                            return null;
                        }

                        // A null entry names no property, as an empty one: DJ0003 reports it at its place.
                        builder.Add(element.Value as string ?? string.Empty);
                    }

                    requiredFields = builder.MoveToImmutable();
                }
                else if (argument.Key == KnownNames.LoginFieldArgument)
                {
                    if (value.Value is not string name)
                    {
                        return null;
                    }

                    loginField = name;
                }
                else if (argument.Key == KnownNames.UserIdFieldArgument)
                {
                    if (value.Value is not string name)
                    {
                        return null;
                    }

                    userIdField = name;
                }
                else if (argument.Key == KnownNames.UsernameValidatorArgument && value.Value is int kind)
                {
                    // A value outside the enum (a cast) keeps Django's default.
                    usernameValidator = kind == (int)UsernameValidatorKind.Ascii ? UsernameValidatorKind.Ascii
                        : kind == (int)UsernameValidatorKind.None ? UsernameValidatorKind.None
                        : UsernameValidatorKind.Unicode;
                }
            }

            var usernameArgument = FindArgument(syntax, KnownNames.UsernameFieldArgument);
            var usernameLocation = usernameArgument?.Expression.GetLocation() ?? attributeLocation;

            var requiredArgument = FindArgument(syntax, KnownNames.RequiredFieldsArgument);
            var requiredFallback = requiredArgument?.Expression.GetLocation() ?? attributeLocation;
            var elements = requiredArgument is null ? null : Elements(requiredArgument.Expression);
            var locations = elements is not null && elements.Count == requiredFields.Length
                ? elements.Select(e => e.GetLocation()).ToImmutableArray()
                : Enumerable.Repeat(requiredFallback, requiredFields.Length).ToImmutableArray();

            var userIdLocation = FindArgument(syntax, KnownNames.UserIdFieldArgument)?.Expression.GetLocation() ?? attributeLocation;
            var loginLocation = FindArgument(syntax, KnownNames.LoginFieldArgument)?.Expression.GetLocation() ?? attributeLocation;
            return new DjoserUserArguments(usernameField, usernameLocation, requiredFields, locations, usernameValidator, userIdField, userIdLocation, loginField, loginLocation);
        }

        /// <summary>The expression of the named argument <paramref name="name"/>, if written.</summary>
        public static AttributeArgumentSyntax? FindArgument(AttributeSyntax? syntax, string name) =>
            syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

        private static IReadOnlyList<ExpressionSyntax>? Elements(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case CollectionExpressionSyntax collection:
                    var list = new List<ExpressionSyntax>();
                    foreach (var element in collection.Elements)
                    {
                        if (element is not ExpressionElementSyntax item)
                        {
                            // A spread has no one-to-one element syntax; report on the whole argument instead.
                            return null;
                        }

                        list.Add(item.Expression);
                    }

                    return list;
                case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                    return initializer.Expressions;
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    return implicitArray.Initializer.Expressions;
                default:
                    return null;
            }
        }
    }
}
