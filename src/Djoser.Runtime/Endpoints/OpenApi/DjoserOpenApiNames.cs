namespace Djoser.Endpoints.OpenApi;

/// <summary>Names the OpenAPI description of djoser's endpoints uses.</summary>
public static class DjoserOpenApiNames
{
    /// <summary>Stands for the model's login field in a described property name (djoser's <c>LOGIN_FIELD</c>).</summary>
    public const string LoginField = "{login_field}";

    /// <summary>Stands for the model's username field in a described property name (djoser's <c>USERNAME_FIELD</c>).</summary>
    public const string UsernameField = "{username_field}";

    /// <summary>The tag of every djoser operation.</summary>
    public const string Tag = "Djoser";
}
