namespace Djoser.Tokens;

/// <summary>The auth token that authenticated the request, set by the Token scheme: logout deletes it, the device list marks it.</summary>
/// <param name="TokenId">The token's id.</param>
internal sealed record DjoserAuthTokenFeature(Guid TokenId);
