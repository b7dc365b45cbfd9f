namespace Djoser.Configuration;

/// <summary>Which djoser release's URL set the endpoints follow.</summary>
public enum DjoserUrlLayout
{
    /// <summary>djoser 1.1.x: <c>/me/</c>, <c>/users/create/</c>, <c>/token/create/</c>, … (spec §2).</summary>
    V1,

    /// <summary>djoser 0.5.3: <c>/me/</c>, <c>/register/</c>, <c>/login/</c>, <c>/logout/</c>, … (spec §11).</summary>
    V05,

    /// <summary>djoser 2.3.x: <c>/users/</c>, <c>/users/me/</c>, <c>/token/login/</c>, … (spec §3).</summary>
    V2,
}
