using System.Globalization;
using System.Text.RegularExpressions;
using Djoser.Errors;
using Djoser.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Passwords;

/// <summary>
/// Django's <c>UserAttributeSimilarityValidator</c>: rejects a password too similar to the username, e-mail or another
/// text attribute of the user (<see cref="IDjoserUserModel{TUser}.GetSimilarityAttributes"/>), comparing with the
/// whole value and with each part of it split on non-word characters.
/// </summary>
internal sealed partial class DjoserUserAttributeSimilarityValidator<TUser> : IPasswordValidator<TUser>
    where TUser : class
{
    private readonly IDjoserUserModel<TUser> _model;
    private readonly IOptions<DjoserPasswordOptions> _options;

    public DjoserUserAttributeSimilarityValidator(IDjoserUserModel<TUser> model, IOptions<DjoserPasswordOptions> options)
    {
        _model = model;
        _options = options;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password)
    {
        if (user is null || password is null || !_options.Value.Enabled)
        {
            return DjoserPasswordErrors.Success;
        }

        var maxSimilarity = _options.Value.MaxSimilarity;
        var lowered = DjoserPasswordErrors.CodePoints(password.ToLowerInvariant());
        foreach (var (verboseName, value) in _model.GetSimilarityAttributes(user))
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var valueLower = value.ToLowerInvariant();
            var parts = NonWord().Split(valueLower).Append(valueLower);
            foreach (var part in parts)
            {
                var partPoints = DjoserPasswordErrors.CodePoints(part);
                if (ExceedsMaximumLengthRatio(lowered.Length, maxSimilarity, partPoints.Length))
                {
                    continue;
                }

                if (DjoserSequenceMatcher.QuickRatio(lowered, partPoints) >= maxSimilarity)
                {
                    return DjoserPasswordErrors.Fail(
                        DjoserPasswordErrors.TooSimilar,
                        string.Format(CultureInfo.InvariantCulture, DjoserMessages.PasswordTooSimilarFormat, verboseName));
                }
            }
        }

        return DjoserPasswordErrors.Success;
    }

    /// <summary>
    /// Django's <c>exceeds_maximum_length_ratio</c>: a password at least ten times longer than the value cannot reach
    /// the threshold, so the comparison is skipped.
    /// </summary>
    internal static bool ExceedsMaximumLengthRatio(int passwordLength, double maxSimilarity, int valueLength)
    {
        var lengthBoundSimilarity = maxSimilarity / 2 * passwordLength;
        return passwordLength >= 10 * valueLength && valueLength < lengthBoundSimilarity;
    }

    // Python's re.split(r'\W+', ...) on a str: runs of non-word characters.
    [GeneratedRegex(@"\W+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();
}
