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

    /// <summary>
    /// <c>HIDE_USERS</c> (2.x): the user list shows non-staff only themselves, and another user's object answers 404
    /// instead of 403 to reads and updates. Default true.
    /// </summary>
    public bool HideUsers { get; set; } = true;

    /// <summary><c>USER_CREATE_PASSWORD_RETYPE</c> (2.x): registration asks for <c>re_password</c>.</summary>
    public bool UserCreatePasswordRetype { get; set; }

    /// <summary><c>USERNAME_RESET_CONFIRM_RETYPE</c> (2.x): the username reset confirm asks for <c>re_new_&lt;username&gt;</c>.</summary>
    public bool UsernameResetConfirmRetype { get; set; }

    /// <summary>
    /// <c>USERNAME_RESET_SHOW_EMAIL_NOT_FOUND</c> (2.x): like <see cref="PasswordResetShowEmailNotFound"/>, with which it
    /// is OR-ed on every e-mail lookup endpoint (reset password, reset username, resend activation).
    /// </summary>
    public bool UsernameResetShowEmailNotFound { get; set; }

    /// <summary>
    /// Django's <c>DOMAIN</c> (djoser 2.x's <c>EMAIL_FRONTEND_DOMAIN</c>): the front end's host, with a port if any, that
    /// e-mailed links point at, e.g. <c>app.example.com</c>. Required: links are never built from the request's
    /// <c>Host</c> header, which a client controls (djoser #235, #450, #498), unless
    /// <see cref="DjoserEmailOptions.UseRequestHost"/> opts into that for development.
    /// </summary>
    public string? Domain { get; set; }

    /// <summary>
    /// djoser 2.x's <c>EMAIL_FRONTEND_PROTOCOL</c>: <c>https</c> (the default) or <c>http</c>, the scheme of e-mailed
    /// links. djoser takes it from the request, which is <c>http</c> behind a TLS-terminating proxy; the front end's
    /// scheme is a property of the front end, so it is a setting here.
    /// </summary>
    public string Protocol { get; set; } = "https";

    /// <summary>Django's <c>SITE_NAME</c> (djoser 2.x's <c>EMAIL_FRONTEND_SITE_NAME</c>): the site's name in e-mails; <see cref="Domain"/> when unset.</summary>
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

    /// <summary>
    /// DRF's <c>DEFAULT_AUTHENTICATION_CLASSES</c>: the schemes djoser's endpoints accept, tried in this order; the
    /// first one's challenge is every 401's <c>WWW-Authenticate</c>. Names from
    /// <see cref="Authentication.DjoserAuthenticationSchemes"/>. Default <c>["Token"]</c>.
    /// </summary>
    /// <remarks>An array without a default, because configuration binding appends to a default list instead of replacing it.</remarks>
    public string[]? AuthenticationSchemes { get; set; }

    /// <summary>The configured schemes, or <c>["Token"]</c> when none are.</summary>
    internal IReadOnlyList<string> EffectiveAuthenticationSchemes =>
        AuthenticationSchemes is { Length: > 0 } schemes ? schemes : [Authentication.DjoserAuthenticationSchemes.Token];

    /// <summary>djoser's <c>PERMISSIONS</c>: the authorization policy of each endpoint group.</summary>
    public Authorization.DjoserPermissionOptions Permissions { get; set; } = new();

    /// <summary>
    /// Beyond djoser, opt-in: a correct password on an account not yet activated answers "User account is disabled."
    /// (djoser's <c>INACTIVE_ACCOUNT_ERROR</c>) instead of the invalid-credentials text, so a front end can offer to
    /// resend the link (djoser #232, #234). Default false: djoser's single answer.
    /// </summary>
    public bool LoginShowNotActivated { get; set; }

    /// <summary>
    /// Beyond djoser, opt-in: for each e-mailed link, a <c>…/check/</c> endpoint beside its confirm that answers 204, or
    /// the error the confirm would give for that uid and token, and changes nothing — so a front end can check a link
    /// before showing its form (djoser #186). Default false.
    /// </summary>
    public bool LinkCheckEndpoints { get; set; }

    /// <summary>
    /// Per djoser URL name (e.g. <c>user-delete</c>, <c>token-create</c>, <c>user-list</c>), whether the endpoint is
    /// mapped: <c>Djoser:Endpoints:user-delete:Enabled = false</c> leaves it out (404), and the 1.1 API root lists it as
    /// <c>""</c> as djoser does for URLs that are not mounted. Unknown names stop the start.
    /// </summary>
    public Dictionary<string, DjoserEndpointOptions> Endpoints { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// djoser's <c>TOKEN_MODEL</c>: <see cref="DjoserTokenModel.Token"/> keeps DRF-style auth tokens and their login and
    /// logout endpoints; <see cref="DjoserTokenModel.None"/> (stateless, JWT only) leaves those endpoints out and
    /// <c>Token</c> out of <see cref="AuthenticationSchemes"/>. Default <c>Token</c>.
    /// </summary>
    public DjoserTokenModel TokenModel { get; set; } = DjoserTokenModel.Token;

    /// <summary>Beyond djoser, opt-in: token lifetime and per-device tokens (<c>Djoser:Token:*</c>).</summary>
    public DjoserTokenOptions Token { get; set; } = new();

    /// <summary>Whether a layout row is mapped: its URL module is included and the endpoint is not switched off.</summary>
    internal bool Mounts<TUser>(global::Djoser.Endpoints.Layouts.DjoserEndpointRow<TUser> row)
        where TUser : class =>
        (row.Module != global::Djoser.Endpoints.Layouts.DjoserUrlModule.AuthToken || TokenModel == DjoserTokenModel.Token)
        && (row.Module is not (global::Djoser.Endpoints.Layouts.DjoserUrlModule.Jwt or global::Djoser.Endpoints.Layouts.DjoserUrlModule.JwtLogout) || JwtIsOn)
        && (row.Module != global::Djoser.Endpoints.Layouts.DjoserUrlModule.JwtLogout || Jwt.LogoutEndpoint)
        && (row.Module != global::Djoser.Endpoints.Layouts.DjoserUrlModule.AuthTokenDevices || (TokenModel == DjoserTokenModel.Token && Token.PerDevice))
        && (row.Module != global::Djoser.Endpoints.Layouts.DjoserUrlModule.EmailChange || Email.ConfirmEmailChange)
        && (!Endpoints.TryGetValue(row.UrlName, out var endpoint) || endpoint.Enabled);

    /// <summary>The role that is Django's <c>is_staff</c> for <c>IsAdminUser</c> and <c>CurrentUserOrAdmin</c>. Default <c>staff</c>.</summary>
    public string StaffRole { get; set; } = "staff";

    /// <summary>
    /// <c>USERNAME_RESET_CONFIRM_URL</c>: the front end's path with <c>{uid}</c> and <c>{token}</c> that username reset
    /// e-mails link to, e.g. <c>#/username/reset/confirm/{uid}/{token}</c>; required with <see cref="DjoserUrlLayout.V2"/>.
    /// </summary>
    public string? UsernameResetConfirmUrl { get; set; }

    /// <summary><c>PASSWORD_CHANGED_EMAIL_CONFIRMATION</c>: an e-mail after set password and reset password confirm (djoser 2.x).</summary>
    public bool PasswordChangedEmailConfirmation { get; set; }

    /// <summary><c>USERNAME_CHANGED_EMAIL_CONFIRMATION</c>: an e-mail after set username and reset username confirm (djoser 2.x).</summary>
    public bool UsernameChangedEmailConfirmation { get; set; }

    /// <summary>
    /// Beyond djoser, with <see cref="DjoserEmailOptions.ConfirmEmailChange"/>: the front end's path with <c>{uid}</c>
    /// and <c>{token}</c> that the e-mail to a new address links to, e.g. <c>#/email/confirm/{uid}/{token}</c>.
    /// </summary>
    public string? EmailChangeConfirmUrl { get; set; }

    /// <summary>Whether <c>Jwt</c> is one of <see cref="AuthenticationSchemes"/>: the JWT scheme and its URLs are on.</summary>
    internal bool JwtIsOn => EffectiveAuthenticationSchemes.Contains(Authentication.DjoserAuthenticationSchemes.Jwt, StringComparer.OrdinalIgnoreCase);

    /// <summary>simplejwt's settings for the <c>Jwt</c> authentication scheme (<c>Djoser:Jwt:*</c>).</summary>
    public DjoserJwtOptions Jwt { get; set; } = new();

    /// <summary>Throttling of login, registration, resets, resend activation and the confirms (<c>Djoser:Throttling:*</c>).</summary>
    public Throttling.DjoserThrottlingOptions Throttling { get; set; } = new();

    /// <summary>Identity's lockout after repeated wrong passwords (<c>Djoser:Lockout:*</c>).</summary>
    public Throttling.DjoserLockoutOptions Lockout { get; set; } = new();

    /// <summary>How djoser's requests use the database (<c>Djoser:Database:*</c>), e.g. the command timeout.</summary>
    public Data.DjoserDatabaseOptions Database { get; set; } = new();
}

/// <summary>djoser's <c>TOKEN_MODEL</c>.</summary>
public enum DjoserTokenModel
{
    /// <summary>DRF-style auth tokens (djoser's default, <c>rest_framework.authtoken.models.Token</c>).</summary>
    Token,

    /// <summary>No token model: stateless authentication only; the token endpoints are not mapped.</summary>
    None,
}

/// <summary>One endpoint's settings under <c>Djoser:Endpoints:&lt;url name&gt;</c>.</summary>
public sealed class DjoserEndpointOptions
{
    /// <summary>Whether the endpoint is mapped. Default true.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>E-mail settings under <c>Djoser:Email</c>.</summary>
public sealed class DjoserEmailOptions
{
    /// <summary>Django's <c>DEFAULT_FROM_EMAIL</c>. Default <c>webmaster@localhost</c>.</summary>
    public string From { get; set; } = "webmaster@localhost";

    /// <summary>How e-mails leave: <see cref="DjoserEmailDelivery.Pickup"/> (the default) or <see cref="DjoserEmailDelivery.Smtp"/>.</summary>
    public DjoserEmailDelivery Delivery { get; set; } = DjoserEmailDelivery.Pickup;

    /// <summary>The folder that e-mails are written to as <c>.eml</c> files (Django's file-based e-mail backend), with <see cref="DjoserEmailDelivery.Pickup"/>.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>The SMTP server, with <see cref="DjoserEmailDelivery.Smtp"/>.</summary>
    public DjoserSmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// The SMTP server in one setting, e.g. <c>smtp://mailer:secret@smtp.example.com:587</c> (<c>smtp</c> STARTTLS,
    /// <c>smtps</c> TLS, <c>smtp+plain</c> none): sets <see cref="Delivery"/> to <see cref="DjoserEmailDelivery.Smtp"/>
    /// and <see cref="Smtp"/>'s host, port, encryption and account. Give it or <c>Djoser:Email:Smtp:Host</c>, not both.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>Whether <see cref="Url"/> supplied the SMTP settings (set once the options are configured).</summary>
    internal bool SmtpFromUrl { get; set; }

    /// <summary>
    /// A folder of template overrides: a file named like a built-in template (e.g. <c>activation.subject.liquid</c>,
    /// <c>password_reset.html.liquid</c>) replaces it. Every file is parsed at start-up; one that does not parse, or whose
    /// name is not a built-in template's, stops the start naming the file and line.
    /// </summary>
    public string? TemplateDirectory { get; set; }

    /// <summary>
    /// Unsafe, for development only: when <see cref="DjoserOptions.Domain"/> is unset, links use the request's
    /// <c>Host</c> header, which any client can forge to have a reset link pointing at its own server. Default false.
    /// </summary>
    public bool UseRequestHost { get; set; }

    /// <summary>
    /// Beyond djoser, opt-in (djoser #284, #442): a change of the user's e-mail (set username when the username field is
    /// the e-mail, or PUT/PATCH of the user) takes effect only when the new address confirms it through the link of
    /// <see cref="DjoserOptions.EmailChangeConfirmUrl"/>; the old address is told. The request still answers djoser's
    /// success, showing the e-mail unchanged. Default false: djoser's immediate change.
    /// </summary>
    public bool ConfirmEmailChange { get; set; }

    /// <summary>The durable outbox that queues e-mails with the change causing them and delivers them in the background.</summary>
    public Emails.Outbox.DjoserOutboxOptions Outbox { get; set; } = new();
}

/// <summary><c>Djoser:Email:Delivery</c>: how djoser's e-mails leave the application.</summary>
public enum DjoserEmailDelivery
{
    /// <summary>Written as <c>.eml</c> files into <see cref="DjoserEmailOptions.PickupDirectory"/> (development).</summary>
    Pickup,

    /// <summary>Sent to the SMTP server of <see cref="DjoserEmailOptions.Smtp"/>.</summary>
    Smtp,
}

/// <summary><c>Djoser:Email:Smtp:TlsMode</c>: how the SMTP connection is encrypted.</summary>
public enum DjoserSmtpTlsMode
{
    /// <summary>Plain text, never upgraded: a local relay or a test server only.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    Tls,
}

/// <summary>SMTP settings under <c>Djoser:Email:Smtp</c>.</summary>
public sealed class DjoserSmtpOptions
{
    /// <summary>The server's host name or address. Required with <see cref="DjoserEmailDelivery.Smtp"/>.</summary>
    public string? Host { get; set; }

    /// <summary>The server's port; when unset, 25 with <see cref="DjoserSmtpTlsMode.None"/>, 587 with <see cref="DjoserSmtpTlsMode.StartTls"/>, 465 with <see cref="DjoserSmtpTlsMode.Tls"/>.</summary>
    public int? Port { get; set; }

    /// <summary>The encryption. Default <see cref="DjoserSmtpTlsMode.StartTls"/>.</summary>
    public DjoserSmtpTlsMode TlsMode { get; set; } = DjoserSmtpTlsMode.StartTls;

    /// <summary>The account to authenticate as; none when unset.</summary>
    public string? UserName { get; set; }

    /// <summary>The account's password; required with <see cref="UserName"/>.</summary>
    public string? Password { get; set; }

    /// <summary>How long one SMTP operation (connect, authenticate, send) may take. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The port in effect: <see cref="Port"/>, or the TLS mode's standard port.</summary>
    internal int EffectivePort => Port ?? TlsMode switch
    {
        DjoserSmtpTlsMode.None => 25,
        DjoserSmtpTlsMode.Tls => 465,
        _ => 587,
    };
}
