namespace Djoser.Configuration;

/// <summary>
/// djoser's settings, bound from the configuration section <c>Djoser</c>. Each key is djoser's setting name in
/// PascalCase (<c>SEND_ACTIVATION_EMAIL</c> → <c>Djoser:SendActivationEmail</c>); these names are a public contract.
/// </summary>
public sealed class DjoserOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Djoser";

    /// <summary>The URL set to serve. Default <see cref="DjoserUrlLayout.V1"/>.</summary>
    public DjoserUrlLayout UrlLayout { get; set; } = DjoserUrlLayout.V1;

    /// <summary><c>SEND_ACTIVATION_EMAIL</c>: new users start inactive and get an activation link; needs <see cref="ActivationUrl"/>.</summary>
    public bool SendActivationEmail { get; set; }

    /// <summary><c>SEND_CONFIRMATION_EMAIL</c>: a confirmation e-mail after registration (when activation is off) and after activation.</summary>
    public bool SendConfirmationEmail { get; set; }

    /// <summary><c>ACTIVATION_URL</c>: the front end's path with <c>{uid}</c> and <c>{token}</c>, e.g. <c>#/activate/{uid}/{token}</c>.</summary>
    public string? ActivationUrl { get; set; }

    /// <summary><c>PASSWORD_RESET_CONFIRM_URL</c>: the front end's path with <c>{uid}</c> and <c>{token}</c>.</summary>
    public string? PasswordResetConfirmUrl { get; set; }

    /// <summary><c>PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND</c>: an unknown e-mail on password reset answers 400 instead of 204.</summary>
    public bool PasswordResetShowEmailNotFound { get; set; }

    /// <summary><c>SET_PASSWORD_RETYPE</c>: set password asks for <c>re_new_password</c>.</summary>
    public bool SetPasswordRetype { get; set; }

    /// <summary><c>SET_USERNAME_RETYPE</c>: set username asks for <c>re_new_&lt;username&gt;</c>.</summary>
    public bool SetUsernameRetype { get; set; }

    /// <summary><c>PASSWORD_RESET_CONFIRM_RETYPE</c>: reset confirm asks for <c>re_new_password</c>.</summary>
    public bool PasswordResetConfirmRetype { get; set; }

    /// <summary><c>LOGOUT_ON_PASSWORD_CHANGE</c>: set password deletes the user's auth tokens.</summary>
    public bool LogoutOnPasswordChange { get; set; }

    /// <summary>Django's <c>DOMAIN</c>: the host in e-mailed links; the request's host when unset.</summary>
    public string? Domain { get; set; }

    /// <summary>Django's <c>SITE_NAME</c>: the site's name in e-mails; <see cref="Domain"/> (or the request's host) when unset.</summary>
    public string? SiteName { get; set; }

    /// <summary>Django's <c>PASSWORD_RESET_TIMEOUT</c>: how long activation and reset links stay valid. Default 3 days.</summary>
    public TimeSpan PasswordResetTimeout { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// How long an authenticated token's user is remembered in memory, so the authenticated hot path skips the
    /// database. Changes djoser makes evict at once; changes from elsewhere (another server, your own code) are seen
    /// after at most this long. Default 5 seconds; <see cref="TimeSpan.Zero"/> turns the cache off.
    /// </summary>
    public TimeSpan AuthTokenCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The largest request body, in bytes, that djoser's endpoints read (JSON, urlencoded or multipart); a larger one
    /// answers 413 without being read further. Default 2621440 (2.5 MiB), Django's <c>DATA_UPLOAD_MAX_MEMORY_SIZE</c>:
    /// every djoser payload is a handful of short fields, so anything near this size is not a djoser client.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = 2_621_440;

    /// <summary>E-mail settings.</summary>
    public DjoserEmailOptions Email { get; set; } = new();
}

/// <summary>E-mail settings under <c>Djoser:Email</c>.</summary>
public sealed class DjoserEmailOptions
{
    /// <summary>Django's <c>DEFAULT_FROM_EMAIL</c>. Default <c>webmaster@localhost</c>.</summary>
    public string From { get; set; } = "webmaster@localhost";

    /// <summary>The folder that e-mails are written to as <c>.eml</c> files (Django's file-based e-mail backend).</summary>
    public string? PickupDirectory { get; set; }
}
