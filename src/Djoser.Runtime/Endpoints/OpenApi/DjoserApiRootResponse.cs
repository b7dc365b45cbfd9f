namespace Djoser.Endpoints.OpenApi;

/// <summary>The API root's answer: djoser's URL name → absolute URL.</summary>
public sealed class DjoserApiRootResponse : Dictionary<string, string>;
