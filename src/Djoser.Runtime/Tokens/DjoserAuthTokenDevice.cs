using Microsoft.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace Djoser.Tokens;

/// <summary>The name a per-device token is listed under: the login's <c>device</c> field, else its User-Agent, cut to a column's length.</summary>
internal static class DjoserAuthTokenDevice
{
    /// <summary>The login body's field that names the device.</summary>
    public const string Field = "device";

    /// <summary>The longest name stored; longer ones are cut.</summary>
    public const int MaxLength = 200;

    /// <summary>The device name of a login, or <c>null</c> when neither the field nor the User-Agent names one.</summary>
    public static string? Name(string? field, HttpRequest request)
    {
        var name = string.IsNullOrWhiteSpace(field) ? request.Headers[HeaderNames.UserAgent].ToString() : field;
        name = name.Trim();
        if (name.Length == 0)
        {
            return null;
        }

        // Never cut a surrogate pair in half: the column holds text, not half a character.
        var length = Math.Min(name.Length, MaxLength);
        if (length < name.Length && char.IsHighSurrogate(name[length - 1]))
        {
            length--;
        }

        return name[..length];
    }
}
