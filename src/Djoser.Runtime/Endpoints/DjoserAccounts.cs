using System.ComponentModel;
using System.Globalization;
using Djoser.Authentication;
using Djoser.Binding;
using Djoser.Data;
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
    IDjoserDatabaseSession database,
    DjoserEra era)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    public const string CurrentPasswordField = "current_password";
    public const string NewPasswordField = "new_password";
    public const string ReNewPasswordField = "re_new_password";
    public const string UidField = "uid";
    public const string TokenField = "token";

    /// <summary>How often a change is tried on a fresh copy of the user before the request gives up with a 503.</summary>
    public const int MaxAttempts = 8;

    private static readonly TypeConverter KeyConverter = TypeDescriptor.GetConverter(typeof(TKey));

    public UserManager<TUser> Users => users;

    /// <summary>
    /// A tracked copy of the authenticated user, to change: authentication hands out a shared read-only snapshot.
    /// <c>null</c> when the user was deleted meanwhile.
    /// </summary>
    public async Task<TUser?> LoadForUpdateAsync(TUser snapshot) => await users.FindByIdAsync(await users.GetUserIdAsync(snapshot));

    /// <summary>
    /// Runs <paramref name="change"/> (a whole unit of work, transaction included) on <paramref name="user"/> and, while
    /// Identity's optimistic check reports that another request saved the user in between (the store's conditional
    /// UPDATE or DELETE by <c>ConcurrencyStamp</c> matched no row), again on a freshly read copy: so concurrent changes
    /// of one user serialise in the database, across instances too, and every success answered is a change saved
    /// (issue 11). The change is told whether it is a retry, to re-check what the other request may have changed
    /// (the current password, a link's token). A lock conflict the database reports at once (SQLite's busy or locked,
    /// PostgreSQL's serialization failure) is tried again too, after a short pause. <c>null</c> means it was saved.
    /// </summary>
    /// <param name="user">The user as loaded for this request.</param>
    /// <param name="change">One attempt: <c>null</c> once saved, or the answer to give.</param>
    /// <param name="gone">The answer when a retry finds the user deleted; "User inactive or deleted." by default.</param>
    public async Task<IResult?> ChangeAsync(TUser user, Func<TUser, bool, Task<IResult?>> change, IResult? gone = null)
    {
        var id = await users.GetUserIdAsync(user);
        for (var attempt = 1; ; attempt++)
        {
            IResult? result;
            try
            {
                result = await change(user, attempt > 1);
            }
            catch (Exception exception) when (attempt < MaxAttempts && DjoserDatabaseFaults.IsBusy(exception))
            {
                // A lock conflict rolled the unit back; a short, growing pause lets the other writer finish.
                result = ConflictResult.Instance;
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt));
            }

            if (result is not ConflictResult)
            {
                return result;
            }

            await authTokens.ForgetAsync(user);
            database.Forget(user);
            if (attempt == MaxAttempts)
            {
                // Never a success for what was not saved; the client may try again.
                return DjoserResults.Detail(StatusCodes.Status503ServiceUnavailable, DjoserMessages.ServiceUnavailable);
            }

            if (await users.FindByIdAsync(id) is not { } fresh)
            {
                return gone ?? DjoserAuthenticationResults.UserGone();
            }

            user = fresh;
        }
    }

    /// <summary>Whether <paramref name="result"/> says another request saved the user since it was read.</summary>
    public static bool IsConflict(IdentityResult result) =>
        result.Errors.Any(error => error.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));

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

    /// <summary>
    /// Password validators first, then the retype comparison (spec §6.7); <c>null</c> when both pass. Validator messages
    /// go under <paramref name="field"/> (<c>new_password</c>, or <c>password</c> at registration).
    /// </summary>
    public async Task<IResult?> ValidateNewPasswordAsync(TUser? user, string newPassword, bool retype, string? reNewPassword, string field = NewPasswordField)
    {
        // A user can be missing here only for a 2.x reset link whose uid names nobody: djoser then validates against
        // the anonymous user too, and the uid error follows (spec §3.3); Django's validators accept that.
        var messages = await ValidatePasswordAsync(user!, newPassword);
        if (messages.Count > 0)
        {
            var errors = new DjoserValidationErrors();
            errors.AddRange(field, messages);
            return DjoserResults.ValidationFailed(errors);
        }

        return retype && !string.Equals(newPassword, reNewPassword, StringComparison.Ordinal)
            ? DjoserResults.NonFieldError(era.PasswordMismatch)
            : null;
    }

    /// <summary>
    /// The hash of a validated password, computed before the transaction that saves it: on SQLite a transaction holds
    /// the database's write lock, which the slow key derivation would keep from every other writer.
    /// </summary>
    public string HashPassword(TUser user, string password) => users.PasswordHasher.HashPassword(user, password);

    /// <summary>
    /// Sets a password already validated and hashed (<see cref="HashPassword"/>), in one save: the new hash and security
    /// stamp invalidate outstanding reset links (spec §6.2).
    /// </summary>
    public async Task<IdentityResult> ReplacePasswordAsync(TUser user, string passwordHash)
    {
        user.PasswordHash = passwordHash;
        var result = await users.UpdateSecurityStampAsync(user);
        await authTokens.ForgetAsync(user);
        return result;
    }

    /// <summary>Saves a changed user and drops the authentication cache's now stale snapshot of it.</summary>
    public async Task<IdentityResult> SaveAsync(TUser user)
    {
        var result = await users.UpdateAsync(user);
        await authTokens.ForgetAsync(user);
        return result;
    }

    /// <summary>Deletes the user, tokens first so a failed delete never leaves a token of a half-deleted account alive.</summary>
    public async Task<IdentityResult> DeleteAsync(TUser user, CancellationToken cancellationToken)
    {
        await authTokens.DeleteAllAsync(user, cancellationToken);
        var result = await users.DeleteAsync(user);
        await authTokens.ForgetAsync(user);
        return result;
    }

    /// <summary>
    /// Reads the e-mailed link's <c>uid</c> and <c>token</c> and finds the user the uid names. Where the era checks the
    /// uid with the fields (1.x), an unknown one is recorded now, in DRF's field order (spec §6.1); otherwise the
    /// caller reports <see cref="DjoserLink{TUser}.User"/> being <c>null</c> after its own checks (2.x, spec §3.3).
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="errors">Where field errors go.</param>
    /// <param name="declared">
    /// Whether uid and token are declared fields (required, not blank); 2.x's username reset confirm does not declare
    /// them, so they are never reported missing there (spec §3.2).
    /// </param>
    public async Task<DjoserLink<TUser>> ReadLinkAsync(DjoserRequestBody body, DjoserValidationErrors errors, bool declared = true)
    {
        var rules = declared ? DjoserFieldRules.Required : DjoserFieldRules.AllowBlank;
        var uid = body.ReadString(UidField, rules, errors);
        var user = uid.Value is { Length: > 0 } value ? await FindByUidAsync(value) : null;
        if (era.UidIsFieldLevel && uid.HasValue && user is null)
        {
            errors.Add(UidField, era.InvalidUid);
        }

        var token = body.ReadString(TokenField, rules, errors);
        return new DjoserLink<TUser>(user, token.Value ?? string.Empty);
    }

    private async Task<TUser?> FindByUidAsync(string uid) =>
        // A key of the wrong form (e.g. text for an integer key) is "invalid uid", never a 500 (spec §10).
        DjoserUid.TryDecode(uid, out var id) && KeyConverter.IsValid(id) ? await users.FindByIdAsync(id) : null;

    /// <summary>The 400 for a link whose uid named nobody (2.x reports it after the other checks).</summary>
    public IResult InvalidUid() => DjoserResults.FieldError(UidField, era.InvalidUid);

    /// <summary>The 400 for a link token that is not valid for its user, under the era's key.</summary>
    public IResult InvalidToken() => DjoserResults.FieldError(era.InvalidTokenKey, era.InvalidToken);

    /// <summary>The 403 for an activation link used again (spec §6.2).</summary>
    public IResult StaleToken() => DjoserResults.Detail(StatusCodes.Status403Forbidden, era.StaleToken);

    /// <summary>
    /// The answer to a change Identity refused: never a success for what was not saved. A concurrency failure is a
    /// marker <see cref="ChangeAsync"/> retries on; should one escape, it answers 503 (try again), not a 400 blaming
    /// the input.
    /// </summary>
    public static IResult Refused(IdentityResult result) =>
        IsConflict(result)
            ? ConflictResult.Instance
            : DjoserResults.BareList(result.Errors.FirstOrDefault()?.Description ?? "The change could not be saved.");

    /// <summary>Another request saved the user first; see <see cref="ChangeAsync"/>.</summary>
    private sealed class ConflictResult : IResult
    {
        public static readonly ConflictResult Instance = new();

        public Task ExecuteAsync(HttpContext httpContext) =>
            DjoserResults.Detail(StatusCodes.Status503ServiceUnavailable, DjoserMessages.ServiceUnavailable).ExecuteAsync(httpContext);
    }
}

/// <summary>An e-mailed link as posted back: the user its uid names (if any) and its token.</summary>
internal readonly record struct DjoserLink<TUser>(TUser? User, string Token)
    where TUser : class;
