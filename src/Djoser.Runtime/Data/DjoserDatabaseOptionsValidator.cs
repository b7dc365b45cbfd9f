using Djoser.Configuration;
using Microsoft.Extensions.Options;

namespace Djoser.Data;

/// <summary>Start-up check of <c>Djoser:Database</c>, naming the key.</summary>
internal sealed class DjoserDatabaseOptionsValidator : IValidateOptions<DjoserOptions>
{
    /// <summary>The most kept lookup connections: each holds a database connection for the application's lifetime.</summary>
    internal const int MaxLookupConnections = 256;

    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        var timeout = options.Database.CommandTimeout;
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(10))
        {
            return ValidateOptionsResult.Fail($"Djoser:Database:CommandTimeout must be positive and at most 00:10:00 (default 00:00:05); it is {timeout}.");
        }

        var connections = options.Database.LookupConnections;
        return connections is >= 0 and <= MaxLookupConnections
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Djoser:Database:LookupConnections must be from 0 (off) to {MaxLookupConnections} (default 1); it is {connections}.");
    }
}
