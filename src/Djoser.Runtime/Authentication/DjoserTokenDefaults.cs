namespace Djoser.Authentication;

/// <summary>Names of djoser's token authentication.</summary>
public static class DjoserTokenDefaults
{
    /// <summary>The authentication scheme name; use it in <c>[Authorize(AuthenticationSchemes = …)]</c> on endpoints of your own.</summary>
    public const string AuthenticationScheme = "DjoserToken";

    /// <summary>The <c>Authorization</c> keyword and the <c>WWW-Authenticate</c> challenge (DRF's <c>TokenAuthentication</c>).</summary>
    public const string Keyword = "Token";
}
