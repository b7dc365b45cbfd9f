namespace Djoser.Endpoints.Eras;

/// <summary>Names of the built-in e-mail template sets, the folders of <c>Emails/Templates/</c>.</summary>
internal static class DjoserEmailTemplateSets
{
    /// <summary>djoser 2.x's texts: every <see cref="Emails.DjoserEmailKind"/> has one, so other sets fall back to it.</summary>
    public const string Latest = "v2";

    /// <summary>djoser 1.x's texts (0.5 and 1.1): activation, confirmation and password reset only.</summary>
    public const string OneX = "v1";
}
