using System.ComponentModel;
using System.Globalization;
using Djoser.Binding;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Djoser.Model;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Endpoints;

/// <summary>
/// The account operations several actions share, over Identity: load a user to change, check and replace a password,
/// save, delete, and resolve an e-mailed uid. Every Identity result is returned to the caller, never dropped, and
/// every change evicts the authentication cache's snapshot of the user.
/// </summary>
internal sealed class DjoserAccounts<TUser, TKey>(
    UserManager<TUser> users,
    IDjoserUserModel<TUser> model,
    IDjoserAuthTokenStore<TUser> authTokens,
    DjoserEra era)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    public const string CurrentPasswordField = "current_password";
    public const string NewPasswordField = "new_password";
    public const string ReNewPasswordField = "re_new_password";
    public const string UidField = "uid";
    public const string TokenField = "token";

    private static readonly TypeConverter KeyConverter = TypeDescriptor.GetConverter(typeof(TKey));

    public UserManager<TUser> Users => users;

    /// <summary>
    /// A tracked copy of the authenticated user, to change: authentication hands out a shared read-only snapshot.
    /// <c>null</c> when the user was deleted meanwhile.
    /// </summary>
    public async Task<TUser?> LoadForUpdateAsync(TUser snapshot) => await users.FindByIdAsync(await users.GetUserIdAsync(snapshot));

    /// <summary>The uniqueness message of the username field (spec §1.6).</summary>
    public string UsernameTakenMessage() =>
        model.UsernameField.PropertyName == nameof(IdentityUser.UserName)
            ? DjoserMessages.UsernameTaken
            : string.Format(CultureInfo.InvariantCulture, DjoserMessages.FieldTakenFormat, model.UsernameField.VerboseName);

    /// <summary>Reads <c>current_password</c> (required) and records "Invalid password." when it is wrong.</summary>
    public async Task CheckCurrentPasswordAsync(TUser user, DjoserRequestBody body, DjoserValidationErrors errors)
    {
        var current = body.ReadString(CurrentPasswordField, DjoserFieldRules.Required, errors);
        if (current.HasValue && !await users.CheckPasswordAsync(user, current.Value!))
        {
            errors.Add(CurrentPasswordField, era.InvalidPassword);
        }
    }

    /// <summary>Every password validator's messages for <paramref name="password"/>, in registration order.</summary>
    public async Task<List<string>> ValidatePasswordAsync(TUser user, string password)
    {
        var messages = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            messages.AddRange(result.Errors.Select(error => error.Description));
        }

        return messages;
    }

    /// <summary>Password validators first, then the retype comparison (spec §6.7); <c>null</c> when both pass.</summary>
    public async Task<IResult?> ValidateNewPasswordAsync(TUser user, string newPassword, bool retype, string? reNewPassword)
    {
        var messages = await ValidatePasswordAsync(user, newPassword);
        if (messages.Count > 0)
        {
            var errors = new DjoserValidationErrors();
            errors.AddRange(NewPasswordField, messages);
            return DjoserResults.ValidationFailed(errors);
        }

        return retype && !string.Equals(newPassword, reNewPassword, StringComparison.Ordinal)
            ? DjoserResults.NonFieldError(era.PasswordMismatch)
            : null;
    }

    /// <summary>
    /// Sets a password already validated, in one save: the new hash and security stamp invalidate outstanding reset
    /// links (spec §6.2).
    /// </summary>
    public async Task<IdentityResult> ReplacePasswordAsync(TUser user, string newPassword)
    {
        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword);
        var result = await users.UpdateSecurityStampAsync(user);
        authTokens.Forget(user);
        return result;
    }

    /// <summary>Saves a changed user and drops the authentication cache's now stale snapshot of it.</summary>
    public async Task<IdentityResult> SaveAsync(TUser user)
    {
        var result = await users.UpdateAsync(user);
        authTokens.Forget(user);
        return result;
    }

    /// <summary>Deletes the user, tokens first so a failed delete never leaves a token of a half-deleted account alive.</summary>
    public async Task<IdentityResult> DeleteAsync(TUser user, CancellationToken cancellationToken)
    {
        await authTokens.DeleteAllAsync(user, cancellationToken);
        var result = await users.DeleteAsync(user);
        authTokens.Forget(user);
        return result;
    }

    /// <summary>
    /// Reads the e-mailed link's <c>uid</c> and <c>token</c>. The uid is resolved at field level, recording DRF's error
    /// when it names nobody (spec §6.1); the token is only checked later, against the user.
    /// </summary>
    public async Task<(TUser? User, string? Token)> ReadUidAndTokenAsync(DjoserRequestBody body, DjoserValidationErrors errors)
    {
        var uid = body.ReadString(UidField, DjoserFieldRules.Required, errors);
        TUser? user = null;
        if (uid.HasValue)
        {
            // A key of the wrong form (e.g. text for an integer key) is "invalid uid", never a 500 (spec §10).
            user = DjoserUid.TryDecode(uid.Value!, out var id) && KeyConverter.IsValid(id) ? await users.FindByIdAsync(id) : null;
            if (user is null)
            {
                errors.Add(UidField, era.InvalidUid);
            }
        }

        var token = body.ReadString(TokenField, DjoserFieldRules.Required, errors);
        return (user, token.Value);
    }

    /// <summary>The answer to a change Identity refused: never a success for what was not saved.</summary>
    public static IResult Refused(IdentityResult result) =>
        DjoserResults.BareList(result.Errors.FirstOrDefault()?.Description ?? "The change could not be saved.");
}
