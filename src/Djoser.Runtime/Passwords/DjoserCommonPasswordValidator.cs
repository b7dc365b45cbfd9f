using System.Collections.Frozen;
using System.IO.Compression;
using System.Text;
using Djoser.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Passwords;

/// <summary>
/// Django's <c>CommonPasswordValidator</c> with Django's own list of 19,727 common passwords (see
/// <c>Passwords/THIRD-PARTY-NOTICES.md</c>), compared lower-cased and trimmed.
/// </summary>
internal sealed class DjoserCommonPasswordValidator<TUser>(IOptions<DjoserPasswordOptions> options) : IPasswordValidator<TUser>
    where TUser : class
{
    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password)
    {
        return options.Value.Enabled && password is not null && CommonPasswords.Contains(password)
            ? DjoserPasswordErrors.Fail(DjoserPasswordErrors.TooCommon, DjoserMessages.PasswordTooCommon)
            : DjoserPasswordErrors.Success;
    }
}

/// <summary>The embedded common-password list, loaded once on first use.</summary>
internal static class CommonPasswords
{
    private const string ResourceName = "Djoser.Passwords.common-passwords.txt.gz";

    private static readonly Lazy<FrozenSet<string>> List = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => List.Value.Count;

    /// <summary>Whether the password, lower-cased and trimmed (Django: <c>password.lower().strip()</c>), is on the list.</summary>
    public static bool Contains(string password) => List.Value.Contains(password.ToLowerInvariant().Trim());

    private static FrozenSet<string> Load()
    {
        using var resource = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from Djoser.Runtime.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0)
            {
                passwords.Add(entry);
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
