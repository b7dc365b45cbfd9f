using System.Collections.Concurrent;
using Djoser.Tokens;

namespace Djoser.Runtime.Tests;

/// <summary>Revocation versions in memory, as Redis would hold them for every instance; <see cref="Unavailable"/> plays Redis down.</summary>
public sealed class FakeRevocationVersions : IDjoserRevocationVersions
{
    private readonly ConcurrentDictionary<string, int> _versions = new();

    public bool Unavailable { get; set; }

    /// <summary>How many times <paramref name="userKey"/>'s version was replaced.</summary>
    public int AdvancesOf(string userKey) => _versions.GetValueOrDefault(userKey);

    public ValueTask<string?> CurrentAsync(string userKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Unavailable ? null : "v" + _versions.GetValueOrDefault(userKey));

    public Task AdvanceAsync(string userKey)
    {
        Advance(userKey);
        return Task.CompletedTask;
    }

    /// <summary>What another instance's revocation does to the shared versions.</summary>
    public void Advance(string userKey) => _versions.AddOrUpdate(userKey, 1, (_, version) => version + 1);
}
