namespace Djoser.Throttling;

/// <summary>What one request is counted against: a group and what it is keyed by.</summary>
/// <param name="Group">The endpoint group.</param>
/// <param name="ByUsername">Whether <paramref name="Value"/> is a login username rather than a client address.</param>
/// <param name="Value">The client address or the normalised username.</param>
internal readonly record struct DjoserThrottleKey(DjoserThrottleGroup Group, bool ByUsername, string Value)
{
    /// <summary>The partition's stable name, the key a shared store would use.</summary>
    public string PartitionKey => $"djoser:{Group.ToString().ToLowerInvariant()}:{(ByUsername ? "username" : "address")}:{Value}";
}
