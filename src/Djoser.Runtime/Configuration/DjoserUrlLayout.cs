namespace Djoser.Configuration;

/// <summary>Which djoser release's URL set the endpoints follow.</summary>
public enum DjoserUrlLayout
{
    /// <summary>djoser 1.1.x: <c>/me/</c>, <c>/users/create/</c>, <c>/token/create/</c>, … (spec §2).</summary>
    V1,
}
