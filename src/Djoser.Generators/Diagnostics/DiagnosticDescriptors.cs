using Microsoft.CodeAnalysis;

namespace Djoser.Generators.Diagnostics
{
    /// <summary>Every diagnostic the generator reports. Ids are assigned in landing order and never reused.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string SupportedTypes =
            "string, bool, byte, short, int, long, decimal, double, float, Guid, DateOnly, DateTime, DateTimeOffset, public enums and their nullable forms";

        public static readonly DiagnosticDescriptor UsernameFieldNotFound = Create(
            "DJ0001",
            "UsernameField names no property",
            "'{0}' is not a property of '{1}'; UsernameField must name a public string property{2}");

        public static readonly DiagnosticDescriptor UsernameFieldInRequiredFields = Create(
            "DJ0002",
            "UsernameField is listed in RequiredFields",
            "'{0}' is the UsernameField of '{1}' and must not be listed in RequiredFields; remove it from RequiredFields");

        public static readonly DiagnosticDescriptor RequiredFieldNotFound = Create(
            "DJ0003",
            "RequiredFields entry names no property",
            "'{0}' in RequiredFields is not a property of '{1}'; RequiredFields must name public properties{2}");

        public static readonly DiagnosticDescriptor NotIdentityUser = Create(
            "DJ0004",
            "User class does not derive from IdentityUser",
            "'{0}' must derive from Microsoft.AspNetCore.Identity.IdentityUser or IdentityUser<TKey> with TKey string, Guid, int or long to be a [DjoserUser]");

        public static readonly DiagnosticDescriptor InvalidUserClass = Create(
            "DJ0005",
            "User class cannot be a Djoser model",
            "'{0}' must be a public, non-abstract, non-static, non-generic class with a public parameterless constructor to be a [DjoserUser]");

        public static readonly DiagnosticDescriptor UnsupportedPropertyType = Create(
            "DJ0006",
            "Property type is not supported",
            "Property '{0}' of '{1}' has type '{2}', which djoser cannot bind; supported types are " + SupportedTypes);

        public static readonly DiagnosticDescriptor UsernameFieldNotString = Create(
            "DJ0007",
            "UsernameField is not a string",
            "UsernameField '{0}' of '{1}' has type '{2}'; the username field must be a string property");

        public static readonly DiagnosticDescriptor DuplicateRequiredField = Create(
            "DJ0008",
            "RequiredFields entry is duplicated",
            "'{0}' is listed more than once in the RequiredFields of '{1}'; remove the duplicate");

        public static readonly DiagnosticDescriptor PropertyNotReadWrite = Create(
            "DJ0009",
            "Property lacks a public getter or setter",
            "Property '{0}' of '{1}' needs a public getter and a public (non-init) setter to be used by djoser");

        public static readonly DiagnosticDescriptor JsonNameCollision = Create(
            "DJ0010",
            "JSON name collision",
            "JSON name '{0}' of property '{1}' of '{2}' collides with {3}; rename the property or give it another [JsonPropertyName]");

        public static readonly DiagnosticDescriptor NullableRequiredField = Create(
            "DJ0011",
            "RequiredFields entry is a nullable reference",
            "RequiredFields entry '{0}' of '{1}' is a nullable string, so registration accepts it absent, null or blank; {2} to require a value",
            DiagnosticSeverity.Warning,
            DiagnosticCategories.Usage);

        public static readonly DiagnosticDescriptor MultipleUserClasses = Create(
            "DJ0012",
            "[DjoserUser] is on more than one class",
            "'{0}' is marked [DjoserUser], and so is {1}; a project has one djoser user model, so keep [DjoserUser] on one class and remove it from the others");

        public static readonly DiagnosticDescriptor ContainingTypeNotSupported = Create(
            "DJ0013",
            "User class is nested in a non-public or generic type",
            "'{0}' is nested in '{1}', which is not a public non-generic type; make '{1}' public and non-generic, or move '{2}' out of it");

        public static readonly DiagnosticDescriptor DjoserFieldNotFound = Create(
            "DJ0014",
            "[DjoserField] names no property",
            "'{0}' in [DjoserField] is not a property of '{1}'; [DjoserField] must name a public string property of the class or a base class{2}");

        public static readonly DiagnosticDescriptor InvalidFieldLength = Create(
            "DJ0015",
            "Length bounds are invalid",
            "Property '{0}' of '{1}' has {2}; a MaxLength must be positive, a MinLength not negative and at most the MaxLength");

        public static readonly DiagnosticDescriptor DjoserFieldNotString = Create(
            "DJ0016",
            "[DjoserField] names a property that is not a string",
            "[DjoserField] names '{0}' of '{1}', which has type '{2}'; its rules apply to string properties only, so remove it");

        public static readonly DiagnosticDescriptor DuplicateDjoserField = Create(
            "DJ0017",
            "[DjoserField] is repeated for one property",
            "'{0}' of '{1}' has more than one [DjoserField]; merge them into one");

        public static readonly DiagnosticDescriptor UnusedDjoserField = Create(
            "DJ0018",
            "[DjoserField] names a property djoser does not read",
            "[DjoserField] for '{0}' of '{1}' has no effect, because '{0}' is neither the UsernameField nor in RequiredFields; add it to RequiredFields or remove the attribute",
            DiagnosticSeverity.Warning,
            DiagnosticCategories.Usage);

        /// <summary>The documentation anchor of <paramref name="id"/>: <c>docs/diagnostics.md#dj0001</c>.</summary>
        public static string HelpLink(string id) =>
            "https://github.com/djoser-gen/djoser-gen/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant();

        public static readonly DiagnosticDescriptor UserIdFieldNotUsable = Create(
            "DJ0019",
            "UserIdField names no usable id",
            "'{0}' is not a usable id of '{1}': UserIdField must name a public, non-nullable string, Guid, int or long property with a getter, such as Id");

        public static readonly DiagnosticDescriptor LoginFieldNotRegistered = Create(
            "DJ0020",
            "LoginField is neither the UsernameField nor a required field",
            "LoginField '{0}' of '{1}' must be the UsernameField or one of RequiredFields, a string registration sets; add it to RequiredFields or leave LoginField out");

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            DiagnosticSeverity severity = DiagnosticSeverity.Error,
            string category = DiagnosticCategories.Model) =>
            new DiagnosticDescriptor(id, title, messageFormat, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
    }
}
