using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Djoser.Authentication;
using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Errors;
using Djoser.Model;
using Djoser.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints;

/// <summary>The djoser 1.1 views over ASP.NET Core Identity (spec §2.2).</summary>
/// <typeparam name="TUser">The user model.</typeparam>
/// <typeparam name="TKey">The user's key type.</typeparam>
internal sealed class DjoserActions<TUser, TKey>(
    UserManager<TUser> users,
    IDjoserUserModel<TUser> model,
    IOptions<DjoserOptions> options,
    IDjoserAuthTokenStore<TUser> authTokens,
    IDjoserUserTokens<TUser> userTokens,
    IDjoserLoginRecords<TUser> logins,
    IDjoserEmailSender emails)
    : IDjoserActions<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    private const string CurrentPassword = "current_password";
    private const string NewPassword = "new_password";
    private const string ReNewPassword = "re_new_password";
    private const string Password = "password";
    private const string Uid = "uid";
    private const string Token = "token";
    private const string Email = "email";

    private static readonly TypeConverter KeyConverter = TypeDescriptor.GetConverter(typeof(TKey));

    private readonly DjoserOptions _options = options.Value;

    public async Task<(TUser? User, IResult? Failure)> AuthenticateAsync(HttpContext httpContext)
    {
        var result = await httpContext.AuthenticateAsync(DjoserTokenDefaults.AuthenticationScheme);
        if (result.Failure is not null)
        {
            return (null, Unauthorized(result.Failure.Message));
        }

        return (httpContext.Features.Get<DjoserAuthenticatedUser<TUser>>()?.User, null);
    }

    public async Task<IResult> RegisterAsync<TRegister, TResponse>(HttpContext httpContext)
        where TRegister : class, IDjoserRegisterRequest<TRegister, TUser>
        where TResponse : class, IDjoserUserResponse<TResponse, TUser>
    {
        var (_, body, failure) = await BeginAsync(httpContext, requireUser: false);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new DjoserValidationErrors();
        var request = TRegister.Bind(body!, errors);
        errors = DjoserActivationEmailRule.Apply(_options, model, body!, errors);

        // Uniqueness is a field-level check in DRF, reported beside the other fields' errors.
        var usernameField = model.UsernameField.JsonName;
        var username = errors.Contains(usernameField) ? null : model.ReadUsername(body!, new DjoserValidationErrors());
        if (username is not null && await users.FindByNameAsync(username) is not null)
        {
            errors.Add(usernameField, UsernameTakenMessage());
        }

        if (request is null || errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var user = request.CreateUser();

        var passwordErrors = await ValidatePasswordAsync(user, request.Password);
        if (passwordErrors.Count > 0)
        {
            errors.AddRange(Password, passwordErrors);
            return DjoserResults.ValidationFailed(errors);
        }

        user.EmailConfirmed = !_options.SendActivationEmail;
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, request.Password);
        }
        catch (DbUpdateException)
        {
            // Another request registered the same username between the check and the insert (spec §6.8).
            return DjoserResults.BareList(DjoserMessages.CannotCreateUser);
        }

        if (!created.Succeeded)
        {
            return DjoserResults.BareList(DjoserMessages.CannotCreateUser);
        }

        if (_options.SendActivationEmail)
        {
            await SendEmailAsync(httpContext, DjoserEmailKind.Activation, user);
        }
        else if (_options.SendConfirmationEmail)
        {
            await SendEmailAsync(httpContext, DjoserEmailKind.Confirmation, user);
        }

        return UserObject<TResponse>(StatusCodes.Status201Created, user, DjoserUserShape.Created);
    }

    public async Task<IResult> GetMeAsync<TResponse>(HttpContext httpContext)
        where TResponse : class, IDjoserUserResponse<TResponse, TUser>
    {
        var (user, failure) = await AuthenticateAsync(httpContext);
        if (failure is not null)
        {
            return failure;
        }

        return user is null ? Unauthorized(DjoserMessages.NotAuthenticated) : UserObject<TResponse>(StatusCodes.Status200OK, user, DjoserUserShape.User);
    }

    public async Task<IResult> UpdateMeAsync<TUpdate, TResponse>(HttpContext httpContext, bool partial)
        where TUpdate : class, IDjoserUpdateRequest<TUpdate, TUser>
        where TResponse : class, IDjoserUserResponse<TResponse, TUser>
    {
        var (user, body, failure) = await BeginAsync(httpContext, requireUser: true);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new DjoserValidationErrors();
        var request = TUpdate.Bind(body!, partial, errors);
        if (request is null)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var emailBefore = user!.Email;
        request.ApplyTo(user);
        var emailChanged = !string.Equals(emailBefore, user.Email, StringComparison.Ordinal);
        if (_options.SendActivationEmail && emailChanged)
        {
            // djoser 1.1: a new address must be activated again (spec §2.2 "/me/").
            user.EmailConfirmed = false;
        }

        var updated = await SaveAsync(user);
        if (!updated.Succeeded)
        {
            return DjoserResults.BareList(updated.Errors.First().Description);
        }

        if (_options.SendActivationEmail && !user.EmailConfirmed)
        {
            await SendEmailAsync(httpContext, DjoserEmailKind.Activation, user);
        }

        return UserObject<TResponse>(StatusCodes.Status200OK, user, DjoserUserShape.User);
    }

    public async Task<IResult> DeleteMeAsync(HttpContext httpContext)
    {
        var (user, body, failure) = await BeginAsync(httpContext, requireUser: true);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new DjoserValidationErrors();
        await CheckCurrentPasswordAsync(user!, body!, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        // The token rows go with the user (cascade); deleting them first keeps a failed delete from leaving a live token.
        await authTokens.DeleteAllAsync(user!, httpContext.RequestAborted);
        await users.DeleteAsync(user!);
        authTokens.Forget(user!);
        return DjoserResults.NoContent();
    }

    public async Task<IResult> ActivateAsync(HttpContext httpContext)
    {
        var (_, body, failure) = await BeginAsync(httpContext, requireUser: false);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new DjoserValidationErrors();
        var (user, token) = await ReadUidAndTokenAsync(body!, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        if (!await userTokens.ValidateAsync(user!, DjoserTokenPurpose.Activation, token!, httpContext.RequestAborted))
        {
            return DjoserResults.NonFieldError(DjoserMessages.InvalidToken);
        }

        // The link stays cryptographically valid after use; djoser answers its reuse with 403 (spec §6.2).
        if (user!.EmailConfirmed)
        {
            return DjoserResults.Detail(StatusCodes.Status403Forbidden, DjoserMessages.StaleToken);
        }

        user.EmailConfirmed = true;
        await SaveAsync(user);
        if (_options.SendConfirmationEmail)
        {
            await SendEmailAsync(httpContext, DjoserEmailKind.Confirmation, user);
        }

        return DjoserResults.NoContent();
    }

    public async Task<IResult> SetUsernameAsync<TSetUsername>(HttpContext httpContext)
        where TSetUsername : class, IDjoserSetUsernameRequest<TSetUsername>
    {
        var (user, body, failure) = await BeginAsync(httpContext, requireUser: true);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new DjoserValidationErrors();
        var request = TSetUsername.Bind(body!, _options.SetUsernameRetype, errors);
        if (request is null)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        // Field-level checks, all reported together: the new name must be free (even of the requester, as in
        // djoser), and the current password must match.
        var newUsernameField = "new_" + model.UsernameField.JsonName;
        if (await users.FindByNameAsync(request.NewUsername) is not null)
        {
            errors.Add(newUsernameField, UsernameTakenMessage());
        }

        if (!await users.CheckPasswordAsync(user!, request.CurrentPassword))
        {
            errors.Add(CurrentPassword, DjoserMessages.InvalidPassword);
        }

        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        if (_options.SetUsernameRetype && !string.Equals(request.NewUsername, request.ReNewUsername, StringComparison.Ordinal))
        {
            return DjoserResults.NonFieldError(string.Format(CultureInfo.InvariantCulture, DjoserMessages.UsernameMismatchFormat, model.UsernameField.JsonName));
        }

        model.SetUsername(user!, request.NewUsername);
        if (_options.SendActivationEmail)
        {
            // djoser 1.1 deactivates until the (possibly new) address is confirmed again (spec §12).
            user!.EmailConfirmed = false;
        }

        IdentityResult updated;
        try
        {
            updated = await SaveAsync(user!);
        }
        catch (DbUpdateException)
        {
            updated = IdentityResult.Failed(users.ErrorDescriber.DuplicateUserName(request.NewUsername));
        }

        if (!updated.Succeeded)
        {
            return DjoserResults.FieldError(newUsernameField, UsernameTakenMessage());
        }

        if (_options.SendActivationEmail)
        {
            await SendEmailAsync(httpContext, DjoserEmailKind.Activation, user!);
        }

        return DjoserResults.NoContent();
    }

    public async Task<IResult> SetPasswordAsync(HttpContext httpContext)
    {
        var (user, body, failure) = await BeginAsync(httpContext, requireUser: true);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new DjoserValidationErrors();
        var newPassword = body!.ReadString(NewPassword, DjoserFieldRules.Required, errors);
        var reNewPassword = _options.SetPasswordRetype ? body.ReadString(ReNewPassword, DjoserFieldRules.Required, errors) : default;
        await CheckCurrentPasswordAsync(user!, body, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var invalid = await ValidateNewPasswordAsync(user!, newPassword.Value!, _options.SetPasswordRetype, reNewPassword.Value);
        if (invalid is not null)
        {
            return invalid;
        }

        await ReplacePasswordAsync(user!, newPassword.Value!);
        if (_options.LogoutOnPasswordChange)
        {
            await authTokens.DeleteAllAsync(user!, httpContext.RequestAborted);
        }

        return DjoserResults.NoContent();
    }

    public async Task<IResult> ResetPasswordAsync(HttpContext httpContext)
    {
        var (_, body, failure) = await BeginAsync(httpContext, requireUser: false);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new DjoserValidationErrors();
        var email = body!.ReadString(Email, DjoserFieldRules.Required | DjoserFieldRules.Email, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        // djoser 1.1 matches case-insensitively and mails every active match that has a password (spec §2.2);
        // a list, not a single lookup, so duplicate addresses are no 500 (spec §10).
        var normalized = users.NormalizeEmail(email.Value!);
        var matches = await users.Users
            .Where(u => u.NormalizedEmail == normalized && u.EmailConfirmed && u.PasswordHash != null)
            .ToListAsync(httpContext.RequestAborted);
        if (matches.Count == 0 && _options.PasswordResetShowEmailNotFound)
        {
            return DjoserResults.FieldError(Email, DjoserMessages.EmailNotFound);
        }

        foreach (var user in matches)
        {
            await SendEmailAsync(httpContext, DjoserEmailKind.PasswordReset, user);
        }

        return DjoserResults.NoContent();
    }

    public async Task<IResult> ResetPasswordConfirmAsync(HttpContext httpContext)
    {
        var (_, body, failure) = await BeginAsync(httpContext, requireUser: false);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new DjoserValidationErrors();
        var (user, token) = await ReadUidAndTokenAsync(body!, errors);
        var newPassword = body!.ReadString(NewPassword, DjoserFieldRules.Required, errors);
        var reNewPassword = _options.PasswordResetConfirmRetype ? body.ReadString(ReNewPassword, DjoserFieldRules.Required, errors) : default;
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        // djoser validates against the anonymous request user, which disables the similarity rule; we use the
        // user the link is for (spec §10, a deliberate fix).
        var invalid = await ValidateNewPasswordAsync(user!, newPassword.Value!, _options.PasswordResetConfirmRetype, reNewPassword.Value);
        if (invalid is not null)
        {
            return invalid;
        }

        if (!await userTokens.ValidateAsync(user!, DjoserTokenPurpose.PasswordReset, token!, httpContext.RequestAborted))
        {
            return DjoserResults.NonFieldError(DjoserMessages.InvalidToken);
        }

        await ReplacePasswordAsync(user!, newPassword.Value!);
        return DjoserResults.NoContent();
    }

    public async Task<IResult> LoginAsync(HttpContext httpContext)
    {
        var (_, body, failure) = await BeginAsync(httpContext, requireUser: false);
        if (failure is not null)
        {
            return failure;
        }

        // Both fields are optional at field level: a missing one is the generic credentials error (spec §2.2).
        var errors = new DjoserValidationErrors();
        var username = body!.ReadString(model.UsernameField.JsonName, DjoserFieldRules.None, errors);
        var password = body.ReadString(Password, DjoserFieldRules.None, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var user = username.HasValue ? await users.FindByNameAsync(username.Value!) : null;
        if (user is null)
        {
            // Hash anyway so response time does not tell whether the account exists (as Django's ModelBackend does).
            users.PasswordHasher.HashPassword(null!, password.Value ?? string.Empty);
            return DjoserResults.NonFieldError(DjoserMessages.InvalidCredentials);
        }

        // An inactive user gets the same answer as a wrong password, as with Django's default backend.
        if (!password.HasValue || !await users.CheckPasswordAsync(user, password.Value!) || !user.EmailConfirmed)
        {
            return DjoserResults.NonFieldError(DjoserMessages.InvalidCredentials);
        }

        var key = await authTokens.GetOrCreateAsync(user, httpContext.RequestAborted);
        await logins.RecordLoginAsync(user, httpContext.RequestAborted);
        return DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("auth_token", key);
            writer.WriteEndObject();
        });
    }

    public async Task<IResult> LogoutAsync(HttpContext httpContext)
    {
        var (user, failure) = await AuthenticateAsync(httpContext);
        if (failure is not null)
        {
            return failure;
        }

        if (user is null)
        {
            return Unauthorized(DjoserMessages.NotAuthenticated);
        }

        await authTokens.DeleteAllAsync(user, httpContext.RequestAborted);
        return DjoserResults.NoContent();
    }

    private static IResult Unauthorized(string message) =>
        DjoserResults.Detail(StatusCodes.Status401Unauthorized, message, DjoserTokenDefaults.Keyword);

    private static IResult UserObject<TResponse>(int statusCode, TUser user, DjoserUserShape shape)
        where TResponse : class, IDjoserUserResponse<TResponse, TUser>
    {
        var response = TResponse.From(user);
        return DjoserResults.Json(statusCode, writer => response.WriteTo(writer, shape));
    }

    /// <summary>Authentication, then the permission check, then the body: DRF's order (spec §1.5).</summary>
    private async Task<(TUser? User, DjoserRequestBody? Body, IResult? Failure)> BeginAsync(HttpContext httpContext, bool requireUser)
    {
        var (user, failure) = await AuthenticateAsync(httpContext);
        if (failure is not null)
        {
            return (null, null, failure);
        }

        if (requireUser)
        {
            if (user is null)
            {
                return (null, null, Unauthorized(DjoserMessages.NotAuthenticated));
            }

            // Authentication hands out a shared read-only snapshot; these handlers may change the user, so they
            // work on a tracked copy of their own.
            user = await users.FindByIdAsync(await users.GetUserIdAsync(user));
            if (user is null)
            {
                return (null, null, Unauthorized(DjoserMessages.UserInactiveOrDeleted));
            }
        }

        var (body, bodyFailure) = await DjoserBodyReader.ReadAsync(httpContext.Request, httpContext.RequestAborted);
        return (user, body, bodyFailure);
    }

    private string UsernameTakenMessage() =>
        model.UsernameField.PropertyName == nameof(IdentityUser.UserName)
            ? DjoserMessages.UsernameTaken
            : string.Format(CultureInfo.InvariantCulture, DjoserMessages.FieldTakenFormat, model.UsernameField.VerboseName);

    private async Task CheckCurrentPasswordAsync(TUser user, DjoserRequestBody body, DjoserValidationErrors errors)
    {
        var current = body.ReadString(CurrentPassword, DjoserFieldRules.Required, errors);
        if (current.HasValue && !await users.CheckPasswordAsync(user, current.Value!))
        {
            errors.Add(CurrentPassword, DjoserMessages.InvalidPassword);
        }
    }

    /// <summary>Password validators first, then the retype comparison (spec §6.7).</summary>
    private async Task<IResult?> ValidateNewPasswordAsync(TUser user, string newPassword, bool retype, string? reNewPassword)
    {
        var messages = await ValidatePasswordAsync(user, newPassword);
        if (messages.Count > 0)
        {
            var errors = new DjoserValidationErrors();
            errors.AddRange(NewPassword, messages);
            return DjoserResults.ValidationFailed(errors);
        }

        return retype && !string.Equals(newPassword, reNewPassword, StringComparison.Ordinal)
            ? DjoserResults.NonFieldError(DjoserMessages.PasswordMismatch)
            : null;
    }

    private async Task<List<string>> ValidatePasswordAsync(TUser user, string password)
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
    /// Sets a password already validated: one hash and one save. The new security stamp and password hash
    /// invalidate outstanding reset links (spec §6.2).
    /// </summary>
    private async Task ReplacePasswordAsync(TUser user, string newPassword)
    {
        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword);
        await users.UpdateSecurityStampAsync(user);
        authTokens.Forget(user);
    }

    /// <summary>Saves a changed user and drops the authentication cache's now stale snapshot of it.</summary>
    private async Task<IdentityResult> SaveAsync(TUser user)
    {
        var result = await users.UpdateAsync(user);
        authTokens.Forget(user);
        return result;
    }

    /// <summary>
    /// Reads the e-mailed link's <c>uid</c> and <c>token</c>. The uid is resolved at field level, recording DRF's
    /// error when it names nobody (spec §6.1); the token is only checked later, against the user.
    /// </summary>
    private async Task<(TUser? User, string? Token)> ReadUidAndTokenAsync(DjoserRequestBody body, DjoserValidationErrors errors)
    {
        var uid = body.ReadString(Uid, DjoserFieldRules.Required, errors);
        TUser? user = null;
        if (uid.HasValue)
        {
            // A key of the wrong form (e.g. text for an integer key) is "invalid uid", never a 500 (spec §10).
            user = DjoserUid.TryDecode(uid.Value!, out var id) && KeyConverter.IsValid(id) ? await users.FindByIdAsync(id) : null;
            if (user is null)
            {
                errors.Add(Uid, DjoserMessages.InvalidUid);
            }
        }

        var token = body.ReadString(Token, DjoserFieldRules.Required, errors);
        return (user, token.Value);
    }

    private async Task SendEmailAsync(HttpContext httpContext, DjoserEmailKind kind, TUser user)
    {
        if (string.IsNullOrEmpty(user.Email))
        {
            // A model whose users may have no address (e.g. UserName login without Email) has nobody to write to.
            return;
        }

        var request = httpContext.Request;
        var domain = _options.Domain ?? request.Host.Value ?? "localhost";
        var context = new DjoserEmailContext(
            To: user.Email,
            Username: model.GetUsername(user) ?? string.Empty,
            Domain: domain,
            SiteName: _options.SiteName ?? domain,
            Protocol: request.IsHttps ? "https" : "http");

        (DjoserTokenPurpose Purpose, string? UrlTemplate)? link = kind switch
        {
            DjoserEmailKind.Activation => (DjoserTokenPurpose.Activation, _options.ActivationUrl),
            DjoserEmailKind.PasswordReset => (DjoserTokenPurpose.PasswordReset, _options.PasswordResetConfirmUrl),
            _ => null,
        };

        if (link is ({ } tokenPurpose, { } urlTemplate))
        {
            var uid = DjoserUid.Encode(await users.GetUserIdAsync(user));
            var token = await userTokens.GenerateAsync(user, tokenPurpose, httpContext.RequestAborted);
            context = context with
            {
                Uid = uid,
                Token = token,
                Url = urlTemplate.Replace("{uid}", uid, StringComparison.Ordinal).Replace("{token}", token, StringComparison.Ordinal),
            };
        }

        await emails.SendAsync(kind, context, httpContext.RequestAborted);
    }
}
