using System.Globalization;
using Djoser.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Passwords;

/// <summary>Django's <c>MinimumLengthValidator</c>: at least <see cref="DjoserPasswordOptions.MinimumLength"/> characters.</summary>
internal sealed class DjoserMinimumLengthValidator<TUser> : IPasswordValidator<TUser>
    where TUser : class
{
    private readonly IOptions<DjoserPasswordOptions> _options;

    public DjoserMinimumLengthValidator(IOptions<DjoserPasswordOptions> options)
    {
        _options = options;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password)
    {
        if (!_options.Value.Enabled)
        {
            return DjoserPasswordErrors.Success;
        }

        var minimum = _options.Value.MinimumLength;
        var length = password is null ? 0 : DjoserPasswordErrors.CodePoints(password).Length;
        if (length >= minimum)
        {
            return DjoserPasswordErrors.Success;
        }

        var message = string.Format(CultureInfo.InvariantCulture, DjoserMessages.PasswordTooShortFormat, minimum);
        if (minimum == 1)
        {
            // Django's ngettext: "at least 1 character."
            message = message.Replace("characters.", "character.", StringComparison.Ordinal);
        }

        return DjoserPasswordErrors.Fail(DjoserPasswordErrors.TooShort, message);
    }
}
