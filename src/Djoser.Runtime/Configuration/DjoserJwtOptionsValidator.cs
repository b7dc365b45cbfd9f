using Djoser.Authentication;
using Djoser.Tokens;
using Microsoft.Extensions.Options;

namespace Djoser.Configuration;

/// <summary>
/// Start-up checks of <c>Djoser:Jwt</c> when <c>Jwt</c> is one of <c>Djoser:AuthenticationSchemes</c>: the key
/// (present, long enough, readable), positive lifetimes, header types and claim names, each failure naming the key.
/// </summary>
internal sealed class DjoserJwtOptionsValidator : IValidateOptions<DjoserOptions>
{
    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        if (!options.EffectiveAuthenticationSchemes.Contains(DjoserAuthenticationSchemes.Jwt, StringComparer.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Skip;
        }

        var jwt = options.Jwt;
        var failures = new List<string>();
        if (DjoserJwtKeys.TryLoad(jwt, out var keyError) is null)
        {
            failures.Add(keyError!);
        }

        if (jwt.AccessTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add($"Djoser:Jwt:AccessTokenLifetime must be positive (default 00:05:00); it is {jwt.AccessTokenLifetime}.");
        }

        if (jwt.RefreshTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add($"Djoser:Jwt:RefreshTokenLifetime must be positive (default 1.00:00:00); it is {jwt.RefreshTokenLifetime}.");
        }

        if (jwt.Leeway < TimeSpan.Zero)
        {
            failures.Add($"Djoser:Jwt:Leeway must not be negative (default 00:00:00); it is {jwt.Leeway}.");
        }

        foreach (var type in jwt.EffectiveAuthHeaderTypes)
        {
            if (string.IsNullOrWhiteSpace(type) || type.Any(char.IsWhiteSpace))
            {
                failures.Add($"Djoser:Jwt:AuthHeaderTypes names '{type}'; each header type is one word, e.g. 'JWT' or 'Bearer'.");
            }
        }

        var claims = new[] { ("UserIdClaim", jwt.UserIdClaim), ("TokenTypeClaim", jwt.TokenTypeClaim), ("JtiClaim", jwt.JtiClaim) };
        foreach (var (key, claim) in claims)
        {
            if (string.IsNullOrWhiteSpace(claim))
            {
                failures.Add($"Djoser:Jwt:{key} must name a claim.");
            }
            else if (RegisteredClaims.Contains(claim))
            {
                failures.Add($"Djoser:Jwt:{key} is '{claim}', a claim the token sets itself; choose another name.");
            }
        }

        var named = claims.Select(c => c.Item2).Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        if (named.Distinct(StringComparer.Ordinal).Count() != named.Count)
        {
            failures.Add("Djoser:Jwt:UserIdClaim, Djoser:Jwt:TokenTypeClaim and Djoser:Jwt:JtiClaim must be three different claims.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The claims every token carries from its own fields; a custom claim of the same name would be overwritten.
    private static readonly HashSet<string> RegisteredClaims = new(StringComparer.Ordinal) { "exp", "iat", "nbf", "iss", "aud" };
}
