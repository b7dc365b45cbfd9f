namespace Djoser.Authorization;

/// <summary>
/// djoser's <c>PERMISSIONS</c> under <c>Djoser:Permissions</c>: per key, the authorization policy an endpoint checks.
/// A value is one of djoser's permission classes (<c>AllowAny</c>, <c>IsAuthenticated</c>, <c>IsAdminUser</c>,
/// <c>CurrentUserOrAdmin</c>, <c>CurrentUserOrAdminOrReadOnly</c>) or the name of a policy of your own
/// (<c>AddAuthorization(o =&gt; o.AddPolicy(…))</c>). Defaults are djoser 2.x's.
/// </summary>
public sealed class DjoserPermissionOptions
{
    /// <summary><c>user</c>. Default <c>CurrentUserOrAdmin</c>.</summary>
    public string User { get; set; } = DjoserPolicies.CurrentUserOrAdmin;

    /// <summary><c>user_list</c>. Default <c>CurrentUserOrAdmin</c>.</summary>
    public string UserList { get; set; } = DjoserPolicies.CurrentUserOrAdmin;

    /// <summary><c>user_create</c>. Default <c>AllowAny</c>.</summary>
    public string UserCreate { get; set; } = DjoserPolicies.AllowAny;

    /// <summary><c>user_delete</c>. Default <c>CurrentUserOrAdmin</c>.</summary>
    public string UserDelete { get; set; } = DjoserPolicies.CurrentUserOrAdmin;

    /// <summary><c>activation</c>. Default <c>AllowAny</c>.</summary>
    public string Activation { get; set; } = DjoserPolicies.AllowAny;

    /// <summary><c>password_reset</c>. Default <c>AllowAny</c>.</summary>
    public string PasswordReset { get; set; } = DjoserPolicies.AllowAny;

    /// <summary><c>password_reset_confirm</c>. Default <c>AllowAny</c>.</summary>
    public string PasswordResetConfirm { get; set; } = DjoserPolicies.AllowAny;

    /// <summary><c>set_password</c>. Default <c>CurrentUserOrAdmin</c>.</summary>
    public string SetPassword { get; set; } = DjoserPolicies.CurrentUserOrAdmin;

    /// <summary><c>set_username</c>. Default <c>CurrentUserOrAdmin</c>.</summary>
    public string SetUsername { get; set; } = DjoserPolicies.CurrentUserOrAdmin;

    /// <summary><c>username_reset</c>. Default <c>AllowAny</c>.</summary>
    public string UsernameReset { get; set; } = DjoserPolicies.AllowAny;

    /// <summary><c>username_reset_confirm</c>. Default <c>AllowAny</c>.</summary>
    public string UsernameResetConfirm { get; set; } = DjoserPolicies.AllowAny;

    /// <summary><c>token</c>. Default <c>IsAuthenticated</c>.</summary>
    public string Token { get; set; } = DjoserPolicies.IsAuthenticated;

    /// <summary><c>token_create</c>. Default <c>AllowAny</c>.</summary>
    public string TokenCreate { get; set; } = DjoserPolicies.AllowAny;

    /// <summary><c>token_destroy</c>. Default <c>IsAuthenticated</c>.</summary>
    public string TokenDestroy { get; set; } = DjoserPolicies.IsAuthenticated;

    /// <summary>Beyond djoser: <c>token_devices</c> (<c>Djoser:Token:PerDevice</c>'s list and revoke). Default <c>IsAuthenticated</c>.</summary>
    public string TokenDevices { get; set; } = DjoserPolicies.IsAuthenticated;

    /// <summary>Beyond djoser: <c>email_change_confirm</c> (<c>Djoser:Email:ConfirmEmailChange</c>'s confirm). Default <c>AllowAny</c>.</summary>
    public string EmailChangeConfirm { get; set; } = DjoserPolicies.AllowAny;

    /// <summary>The configured value of <paramref name="permission"/>.</summary>
    public string Of(DjoserPermission permission) => permission switch
    {
        DjoserPermission.User => User,
        DjoserPermission.UserList => UserList,
        DjoserPermission.UserCreate => UserCreate,
        DjoserPermission.UserDelete => UserDelete,
        DjoserPermission.Activation => Activation,
        DjoserPermission.PasswordReset => PasswordReset,
        DjoserPermission.PasswordResetConfirm => PasswordResetConfirm,
        DjoserPermission.SetPassword => SetPassword,
        DjoserPermission.SetUsername => SetUsername,
        DjoserPermission.UsernameReset => UsernameReset,
        DjoserPermission.UsernameResetConfirm => UsernameResetConfirm,
        DjoserPermission.Token => Token,
        DjoserPermission.TokenCreate => TokenCreate,
        DjoserPermission.TokenDestroy => TokenDestroy,
        DjoserPermission.TokenDevices => TokenDevices,
        DjoserPermission.EmailChangeConfirm => EmailChangeConfirm,
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, null),
    };
}
