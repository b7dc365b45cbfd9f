namespace Djoser.Authorization;

/// <summary>djoser's <c>PERMISSIONS</c> keys (spec §5): which permission an endpoint checks.</summary>
public enum DjoserPermission
{
    /// <summary><c>user</c>: reading and updating a user (and the user URLs' unmapped methods).</summary>
    User,

    /// <summary><c>user_list</c>.</summary>
    UserList,

    /// <summary><c>user_create</c>: registration.</summary>
    UserCreate,

    /// <summary><c>user_delete</c>.</summary>
    UserDelete,

    /// <summary><c>activation</c>.</summary>
    Activation,

    /// <summary><c>password_reset</c> (also resend activation in 2.x).</summary>
    PasswordReset,

    /// <summary><c>password_reset_confirm</c>.</summary>
    PasswordResetConfirm,

    /// <summary><c>set_password</c>.</summary>
    SetPassword,

    /// <summary><c>set_username</c>.</summary>
    SetUsername,

    /// <summary><c>username_reset</c>.</summary>
    UsernameReset,

    /// <summary><c>username_reset_confirm</c>.</summary>
    UsernameResetConfirm,

    /// <summary><c>token</c>.</summary>
    Token,

    /// <summary><c>token_create</c>: log in.</summary>
    TokenCreate,

    /// <summary><c>token_destroy</c>: log out.</summary>
    TokenDestroy,

    /// <summary>Beyond djoser: <c>token_devices</c>, listing and revoking the current user's per-device tokens.</summary>
    TokenDevices,

    /// <summary>Beyond djoser: <c>email_change_confirm</c>, confirming an e-mail change from the e-mailed link.</summary>
    EmailChangeConfirm,
}
