using Microsoft.Extensions.Options;

namespace Djoser.Configuration;

/// <summary>Start-up checks of <c>Djoser:Token</c>: a positive lifetime, a known expiration, and a token model to apply them to.</summary>
internal sealed class DjoserTokenOptionsValidator : IValidateOptions<DjoserOptions>
{
    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        var token = options.Token;
        var failures = new List<string>();
        if (token.Lifetime is { } lifetime && lifetime <= TimeSpan.Zero)
        {
            failures.Add($"Djoser:Token:Lifetime must be positive, e.g. 30.00:00:00 (leave it unset for tokens that never expire); it is {lifetime}.");
        }

        if (!Enum.IsDefined(token.Expiration))
        {
            failures.Add($"Djoser:Token:Expiration must be Absolute or Sliding; it is {token.Expiration}.");
        }
        else if (token.Expiration == DjoserTokenExpiration.Sliding && token.Lifetime is null)
        {
            failures.Add("Djoser:Token:Expiration is Sliding but Djoser:Token:Lifetime is unset; set the lifetime a token's last use extends.");
        }

        if (!token.IsDefault && options.TokenModel != DjoserTokenModel.Token)
        {
            failures.Add($"Djoser:Token:Lifetime and Djoser:Token:PerDevice apply to auth tokens, but Djoser:TokenModel is {options.TokenModel}; set it to Token or remove them.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
