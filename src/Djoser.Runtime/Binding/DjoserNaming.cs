using System.Text;

namespace Djoser.Binding;

/// <summary>Name conversions shared by the runtime; the generator applies the same rule at compile time.</summary>
public static class DjoserNaming
{
    /// <summary>
    /// snake_case of a PascalCase name: <c>FirstName</c> → <c>first_name</c>, <c>HTTPCode</c> → <c>http_code</c>,
    /// <c>Address2</c> → <c>address2</c>.
    /// </summary>
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
}
