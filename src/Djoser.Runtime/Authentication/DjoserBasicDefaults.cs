namespace Djoser.Authentication;

/// <summary>Names of djoser's HTTP Basic authentication.</summary>
public static class DjoserBasicDefaults
{
    /// <summary>The authentication scheme name; use it in <c>[Authorize(AuthenticationSchemes = …)]</c> on endpoints of your own.</summary>
    public const string AuthenticationScheme = "DjoserBasic";

    /// <summary>The <c>Authorization</c> keyword.</summary>
    public const string Keyword = "Basic";

    /// <summary>The challenge DRF's <c>BasicAuthentication</c> sends (<c>www_authenticate_realm = "api"</c>).</summary>
    public const string Challenge = "Basic realm=\"api\"";
}
