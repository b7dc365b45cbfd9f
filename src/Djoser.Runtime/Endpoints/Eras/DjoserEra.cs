using Djoser.Configuration;

namespace Djoser.Endpoints.Eras;

/// <summary>
/// What one djoser release does differently behind the same actions: its texts, where it reports an error, and the
/// few steps of a flow that changed between releases (spec §2.2, §3.2, §4.1). Actions read these; none of them
/// asks which layout is served.
/// </summary>
internal sealed record DjoserEra
{
    /// <summary>djoser 1.1.5 (spec §2.2, §4.1).</summary>
    public static DjoserEra V1 { get; } = new()
    {
        Name = "1.1",
        InvalidCredentials = "Unable to login with provided credentials.",
        InactiveAccount = "User account is disabled.",
        InvalidToken = "Invalid token for given user.",
        InvalidTokenKey = Errors.DjoserValidationErrors.NonFieldErrorsKey,
        InvalidUid = "Invalid user id or user doesn't exist.",
        StaleToken = "Stale token for given user.",
        PasswordMismatch = "The two password fields didn't match.",
        UsernameMismatchFormat = "The two {0} fields didn't match.",
        InvalidPassword = "Invalid password.",
        EmailNotFound = "User with given email does not exist.",
        EmailNotFoundAsField = true,
        CannotCreateUser = "Unable to create account.",
        UsernameChangeNeedsActivation = true,
        EmailChangeNeedsActivation = true,
        CurrentUserShape = Model.DjoserUserShape.User,
        UidIsFieldLevel = true,
        EmailLookupIgnoresCase = true,
        LinkConfirmRecordsLogin = false,
        Jwt = DjoserJwtFlavour.DrfJwt,
        EmailTemplates = DjoserEmailTemplateSets.OneX,
    };

    /// <summary>
    /// djoser 0.5.3 (spec §11): 1.1's texts; changing the username or the e-mail through its views leaves the user
    /// active, as those views only saved the field.
    /// </summary>
    public static DjoserEra V05 { get; } = V1 with
    {
        Name = "0.5",
        UsernameChangeNeedsActivation = false,
        EmailChangeNeedsActivation = false,
        CurrentUserShape = Model.DjoserUserShape.Created,
        Jwt = DjoserJwtFlavour.None,
    };

    /// <summary>djoser 2.3.4 (spec §3.2, §3.3, §4.1): what changed since 1.1, the rest as 1.1.</summary>
    public static DjoserEra V2 { get; } = V1 with
    {
        Name = "2.3",
        InvalidCredentials = "Unable to log in with provided credentials.",
        InvalidTokenKey = "token",
        EmailNotFoundAsField = false,
        UsernameChangeNeedsActivation = false,
        UidIsFieldLevel = false,
        EmailLookupIgnoresCase = false,
        LinkConfirmRecordsLogin = true,
        Jwt = DjoserJwtFlavour.SimpleJwt,
        EmailTemplates = DjoserEmailTemplateSets.Latest,
    };

    /// <summary>The era behind a URL layout.</summary>
    public static DjoserEra For(DjoserUrlLayout layout) => layout switch
    {
        DjoserUrlLayout.V05 => V05,
        DjoserUrlLayout.V1 => V1,
        DjoserUrlLayout.V2 => V2,
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "No djoser era is defined for this layout."),
    };

    /// <summary>The release, for messages and logs.</summary>
    public required string Name { get; init; }

    /// <summary><c>INVALID_CREDENTIALS_ERROR</c> ("login" in 1.1, "log in" from 1.5 on).</summary>
    public required string InvalidCredentials { get; init; }

    /// <summary><c>INACTIVE_ACCOUNT_ERROR</c>, sent only with <c>LoginShowNotActivated</c>.</summary>
    public required string InactiveAccount { get; init; }

    /// <summary><c>INVALID_TOKEN_ERROR</c>.</summary>
    public required string InvalidToken { get; init; }

    /// <summary>Where a bad e-mailed token is reported: <c>non_field_errors</c> in 1.1, <c>token</c> from 1.7 on (spec §3.3).</summary>
    public required string InvalidTokenKey { get; init; }

    /// <summary><c>INVALID_UID_ERROR</c>.</summary>
    public required string InvalidUid { get; init; }

    /// <summary><c>STALE_TOKEN_ERROR</c> (a 403 detail).</summary>
    public required string StaleToken { get; init; }

    /// <summary><c>PASSWORD_MISMATCH_ERROR</c>.</summary>
    public required string PasswordMismatch { get; init; }

    /// <summary><c>USERNAME_MISMATCH_ERROR</c>; <c>{0}</c> is the username field's name.</summary>
    public required string UsernameMismatchFormat { get; init; }

    /// <summary><c>INVALID_PASSWORD_ERROR</c>.</summary>
    public required string InvalidPassword { get; init; }

    /// <summary><c>EMAIL_NOT_FOUND</c>.</summary>
    public required string EmailNotFound { get; init; }

    /// <summary>Whether <see cref="EmailNotFound"/> is a field error under <c>email</c> (1.1) or a bare list (2.x).</summary>
    public required bool EmailNotFoundAsField { get; init; }

    /// <summary><c>CANNOT_CREATE_USER_ERROR</c> (a bare list).</summary>
    public required string CannotCreateUser { get; init; }

    /// <summary>
    /// Whether changing the username with activation on deactivates the user and sends a new activation link
    /// (1.x does; 2.x keeps the user active, spec §12).
    /// </summary>
    public required bool UsernameChangeNeedsActivation { get; init; }

    /// <summary>
    /// Whether an update of the current user that changes the e-mail, with activation on, deactivates the user and
    /// sends a new activation link (1.1 and 2.x, spec §2.2 "/me/", §3.2).
    /// </summary>
    public required bool EmailChangeNeedsActivation { get; init; }

    /// <summary>
    /// The key order of the current user's object: 1.1's <c>REQUIRED_FIELDS</c>, pk, username; 0.5's tutorial shows
    /// the registration order (<c>REQUIRED_FIELDS</c>, username, pk) for <c>/me/</c> too (spec §11).
    /// </summary>
    public required Model.DjoserUserShape CurrentUserShape { get; init; }

    /// <summary>
    /// Whether an e-mailed link's <c>uid</c> is checked with the other fields (1.x) or only after the password
    /// validators and the retype comparison (2.x, "validators, mismatch, uid, token", spec §3.3).
    /// </summary>
    public required bool UidIsFieldLevel { get; init; }

    /// <summary>Whether reset and resend match the e-mail case-insensitively (1.1) or exactly (2.x).</summary>
    public required bool EmailLookupIgnoresCase { get; init; }

    /// <summary>
    /// Whether confirming a reset link sets <c>last_login</c> (2.x), which kills every other outstanding link of the
    /// user (spec §3.2 "reset_password_confirm").
    /// </summary>
    public required bool LinkConfirmRecordsLogin { get; init; }

    /// <summary>
    /// The JWT library the release's <c>djoser.urls.jwt</c> serves: djangorestframework-jwt 1.11 beside 1.1,
    /// simplejwt 5.x beside 2.x, none in 0.5 (spec §2.1, §3.1).
    /// </summary>
    public required DjoserJwtFlavour Jwt { get; init; }

    /// <summary>
    /// The built-in e-mail texts of the release (spec §7): 1.x's three kinds (activation, confirmation, password reset)
    /// for 0.5 and 1.1, 2.x's six for 2.3. A kind the set lacks comes from <see cref="DjoserEmailTemplateSets.Latest"/>.
    /// </summary>
    public required string EmailTemplates { get; init; }
}

/// <summary>Which JWT library's tokens, claims and texts an era uses.</summary>
internal enum DjoserJwtFlavour
{
    /// <summary>No JWT URLs (djoser 0.5).</summary>
    None,

    /// <summary>
    /// djangorestframework-jwt 1.11: one token, claims <c>user_id</c>, <c>username</c>, <c>email</c>, <c>exp</c>,
    /// <c>orig_iat</c>; errors as 400 <c>non_field_errors</c>.
    /// </summary>
    DrfJwt,

    /// <summary>simplejwt 5.x: access and refresh tokens, claims <c>token_type</c>, <c>jti</c>; errors as 401.</summary>
    SimpleJwt,
}
