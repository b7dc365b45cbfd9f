using Djoser.Configuration;
using Microsoft.Extensions.Options;

namespace Djoser.Data;

/// <summary>Start-up check of <c>Djoser:Database</c>, naming the key.</summary>
internal sealed class DjoserDatabaseOptionsValidator : IValidateOptions<DjoserOptions>
{
    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        var timeout = options.Database.CommandTimeout;
        return timeout > TimeSpan.Zero && timeout <= TimeSpan.FromMinutes(10)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Djoser:Database:CommandTimeout must be positive and at most 00:10:00 (default 00:00:05); it is {timeout}.");
    }
}
