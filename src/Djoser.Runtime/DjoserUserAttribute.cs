namespace Djoser;

/// <summary>
/// Marks the ASP.NET Core Identity user class that djoser's endpoints are generated for.
/// The Djoser generator emits request/response types, binders, validators and the endpoint wiring
/// for the marked class at compile time; the class itself is never modified and need not be partial.
/// </summary>
/// <remarks>
/// The class must be public, non-abstract and derive from <c>IdentityUser</c> or <c>IdentityUser&lt;TKey&gt;</c>.
/// Property names map to snake_case JSON names (<c>FirstName</c> → <c>first_name</c>); <c>UserName</c> maps to
/// djoser's <c>username</c>, and a <c>[JsonPropertyName]</c> on the property wins.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DjoserUserAttribute : Attribute
{
    /// <summary>
    /// The property that identifies a user at login (djoser's <c>USERNAME_FIELD</c>).
    /// Defaults to Identity's <c>UserName</c>. Identity's <c>UserName</c> is kept equal to its value so the
    /// database's unique index guards it.
    /// </summary>
    public string UsernameField { get; set; } = "UserName";

    /// <summary>
    /// Further properties that registration asks for and the user object returns (djoser's <c>REQUIRED_FIELDS</c>).
    /// Must not contain <see cref="UsernameField"/>.
    /// </summary>
    public string[] RequiredFields { get; set; } = [];

    /// <summary>
    /// The validator of the username when <see cref="UsernameField"/> is Identity's <c>UserName</c>, as Django's
    /// <c>AbstractUser.username_validator</c>: <see cref="DjoserUsernameValidation.Unicode"/> by default. An
    /// e-mail username field is validated as an e-mail address instead, and this setting does not apply to it.
    /// </summary>
    public DjoserUsernameValidation UsernameValidator { get; set; } = DjoserUsernameValidation.Unicode;

    /// <summary>
    /// The property written as the user object's id and matched by 2.x's <c>/users/{id}/</c> (djoser's
    /// <c>USER_ID_FIELD</c>), e.g. a public <c>Guid</c> so that database keys stay private. Defaults to Identity's
    /// <c>Id</c>. A string, <c>Guid</c>, <c>int</c> or <c>long</c>; give it a unique index. E-mailed links keep
    /// naming the key, as djoser's do.
    /// </summary>
    public string UserIdField { get; set; } = "Id";

    /// <summary>
    /// The property users log in with (djoser's <c>LOGIN_FIELD</c>): the body field of token login and what token
    /// login and HTTP Basic look the user up by, as djoser's <c>LoginFieldBackend</c> does (an exact match; a value
    /// several users share logs nobody in). Defaults to <see cref="UsernameField"/>. Must be the username field or one
    /// of <see cref="RequiredFields"/>, so that registration sets it.
    /// </summary>
    public string? LoginField { get; set; }
}
