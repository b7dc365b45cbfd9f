using System.Text.Json;
using Djoser.Binding;
using Djoser.Errors;

namespace Djoser.Model;

/// <summary>A bound registration payload: what the register action needs of it, whatever the model.</summary>
/// <typeparam name="TUser">The user model.</typeparam>
public interface IDjoserRegistration<TUser>
    where TUser : class
{
    /// <summary>The submitted password (trimmed, not blank).</summary>
    string Password { get; }

    /// <summary>A new, unsaved user carrying the submitted fields, with Identity's <c>UserName</c> equal to the username field.</summary>
    TUser CreateUser();
}

/// <summary>The generated registration payload: <c>USERNAME_FIELD</c>, <c>REQUIRED_FIELDS</c> and <c>password</c>.</summary>
/// <typeparam name="TSelf">The generated request type.</typeparam>
/// <typeparam name="TUser">The user model.</typeparam>
public interface IDjoserRegisterRequest<TSelf, TUser> : IDjoserRegistration<TUser>
    where TSelf : class, IDjoserRegisterRequest<TSelf, TUser>
    where TUser : class
{
    /// <summary>Reads and validates every field into <paramref name="errors"/>; returns <c>null</c> when <paramref name="errors"/> then holds any error.</summary>
    static abstract TSelf? Bind(DjoserRequestBody body, DjoserValidationErrors errors);
}

/// <summary>A bound PUT/PATCH payload of a user.</summary>
/// <typeparam name="TUser">The user model.</typeparam>
public interface IDjoserUserUpdate<TUser>
    where TUser : class
{
    /// <summary>Copies the supplied fields onto <paramref name="user"/>; absent ones are left as they are.</summary>
    void ApplyTo(TUser user);
}

/// <summary>The generated PUT/PATCH payload of the current user: the <c>REQUIRED_FIELDS</c> (the username field is read-only).</summary>
public interface IDjoserUpdateRequest<TSelf, TUser> : IDjoserUserUpdate<TUser>
    where TSelf : class, IDjoserUpdateRequest<TSelf, TUser>
    where TUser : class
{
    /// <summary>Reads and validates; with <paramref name="partial"/> (PATCH) nothing is required. Returns <c>null</c> when <paramref name="errors"/> then holds any error.</summary>
    static abstract TSelf? Bind(DjoserRequestBody body, bool partial, DjoserValidationErrors errors);
}

/// <summary>A bound set-username payload: <c>new_&lt;username&gt;</c>, <c>re_new_&lt;username&gt;</c>, <c>current_password</c>.</summary>
public interface IDjoserUsernameChange
{
    /// <summary>The new username, validated as the username field is.</summary>
    string NewUsername { get; }

    /// <summary>The retyped username, or <c>null</c> when retype is off.</summary>
    string? ReNewUsername { get; }

    /// <summary>The requester's current password.</summary>
    string CurrentPassword { get; }
}

/// <summary>The generated set-username payload.</summary>
public interface IDjoserSetUsernameRequest<TSelf> : IDjoserUsernameChange
    where TSelf : class, IDjoserSetUsernameRequest<TSelf>
{
    /// <summary>Reads and validates; <paramref name="retype"/> (<c>SetUsernameRetype</c>) makes <c>re_new_…</c> required. Returns <c>null</c> when <paramref name="errors"/> then holds any error.</summary>
    static abstract TSelf? Bind(DjoserRequestBody body, bool retype, DjoserValidationErrors errors);
}

/// <summary>The generated user object: <c>REQUIRED_FIELDS</c> + primary key + <c>USERNAME_FIELD</c>.</summary>
public interface IDjoserUserResponse<TSelf, TUser>
    where TSelf : class, IDjoserUserResponse<TSelf, TUser>
    where TUser : class
{
    /// <summary>Captures the user's public fields.</summary>
    static abstract TSelf From(TUser user);

    /// <summary>Writes the user object in the key order of <paramref name="shape"/>.</summary>
    void WriteTo(Utf8JsonWriter writer, DjoserUserShape shape);
}
