using Djoser.Authentication;
using Microsoft.Extensions.Options;

namespace Djoser.Configuration;

/// <summary>Start-up checks of <c>Djoser:AuthenticationSchemes</c>, <c>Djoser:TokenModel</c> and <c>Djoser:StaffRole</c>, each naming the key.</summary>
internal sealed class DjoserAccessOptionsValidator : IValidateOptions<DjoserOptions>
{
    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var scheme in options.EffectiveAuthenticationSchemes)
        {
            if (!DjoserAuthenticationSchemes.Known.ContainsKey(scheme))
            {
                failures.Add($"Djoser:AuthenticationSchemes names '{scheme}', which is not a djoser authentication scheme; use {string.Join(", ", DjoserAuthenticationSchemes.Known.Keys.Select(k => $"'{k}'"))}.");
            }
            else if (!seen.Add(scheme))
            {
                failures.Add($"Djoser:AuthenticationSchemes names '{scheme}' twice.");
            }
        }

        if (options.TokenModel == DjoserTokenModel.None
            && options.EffectiveAuthenticationSchemes.Contains(DjoserAuthenticationSchemes.Token, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add("Djoser:AuthenticationSchemes lists 'Token' while Djoser:TokenModel is None: there are no auth tokens to check; remove 'Token' or set Djoser:TokenModel to Token.");
        }

        if (string.IsNullOrWhiteSpace(options.StaffRole))
        {
            failures.Add("Djoser:StaffRole must name the role that is Django's is_staff (default 'staff').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
