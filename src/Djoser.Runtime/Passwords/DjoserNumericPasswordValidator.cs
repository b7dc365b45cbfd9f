using System.Text;
using Djoser.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Passwords;

/// <summary>Django's <c>NumericPasswordValidator</c>: rejects a password made only of digits.</summary>
internal sealed class DjoserNumericPasswordValidator<TUser>(IOptions<DjoserPasswordOptions> options) : IPasswordValidator<TUser>
    where TUser : class
{
    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password)
    {
        return options.Value.Enabled && IsEntirelyNumeric(password)
            ? DjoserPasswordErrors.Fail(DjoserPasswordErrors.EntirelyNumeric, DjoserMessages.PasswordEntirelyNumeric)
            : DjoserPasswordErrors.Success;
    }

    /// <summary>Python's <c>str.isdigit()</c> for the decimal digits of any script; false for an empty password.</summary>
    internal static bool IsEntirelyNumeric(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return false;
        }

        foreach (var rune in password.EnumerateRunes())
        {
            if (!Rune.IsDigit(rune))
            {
                return false;
            }
        }

        return true;
    }
}
