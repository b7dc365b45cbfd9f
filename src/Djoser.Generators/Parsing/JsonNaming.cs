using System.Text;

namespace Djoser.Generators.Parsing
{
    /// <summary>The wire and verbose names of properties; the same rules as the runtime's <c>DjoserNaming</c>.</summary>
    internal static class JsonNaming
    {
        /// <summary>snake_case of a PascalCase name, character for character as <c>DjoserNaming.ToSnakeCase</c>.</summary>
        public static string ToSnakeCase(string name)
        {
            var builder = new StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (char.IsUpper(c))
                {
                    var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                    var endsAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (previousIsLowerOrDigit || endsAcronym)
                    {
                        builder.Append('_');
                    }

                    builder.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        /// <summary>The default JSON name: djoser's <c>username</c> and <c>id</c>, else snake_case.</summary>
        public static string DefaultJsonName(string propertyName) => propertyName switch
        {
            KnownNames.UserNameProperty => "username",
            KnownNames.IdProperty => "id",
            _ => ToSnakeCase(propertyName),
        };

        /// <summary>Django's verbose name: Identity's e-mail is "email address" as in <c>AbstractUser</c>.</summary>
        public static string VerboseName(string propertyName, string jsonName) => propertyName switch
        {
            KnownNames.EmailProperty => "email address",
            KnownNames.UserNameProperty => "username",
            _ => jsonName.Replace('_', ' '),
        };
    }
}
