using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Data;
using Djoser.Emails;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Djoser.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>Registration: djoser's <c>UserCreateView</c> (spec §2.2 "/users/create/").</summary>
internal sealed class RegisterAction<TUser, TKey>(
    DjoserAccounts<TUser, TKey> accounts,
    DjoserAccountEmails<TUser, TKey> emails,
    IDjoserUserModel<TUser> model,
    IOptions<DjoserOptions> options,
    DjoserEra era)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    private const string PasswordField = "password";
    private const string RePasswordField = "re_password";

    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var errors = new DjoserValidationErrors();
        var registration = model.BindRegistration(body, errors);
        errors = DjoserActivationEmailRule.Apply(options.Value, model, body, errors);

        // Uniqueness is a field-level check in DRF, reported beside the other fields' errors.
        var usernameField = model.UsernameField.JsonName;
        var username = errors.Contains(usernameField) ? null : model.ReadUsername(body, new DjoserValidationErrors());
        if (username is not null && await accounts.Users.FindByNameAsync(username) is not null)
        {
            errors.Add(usernameField, accounts.UsernameTakenMessage());
        }

        // 2.x's UserCreatePasswordRetypeSerializer adds re_password after the model's fields (spec §3.2).
        var settings = options.Value;
        var rePassword = settings.UserCreatePasswordRetype ? body.ReadString(RePasswordField, DjoserFieldRules.Required, errors) : default;

        if (registration is null || errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        // Validators win over the retype: "666" with a wrong retype answers only the password error (spec §3.2).
        var user = registration.CreateUser();
        var invalid = await accounts.ValidateNewPasswordAsync(user, registration.Password, settings.UserCreatePasswordRetype, rePassword.Value, PasswordField);
        if (invalid is not null)
        {
            return invalid;
        }

        user.EmailConfirmed = !settings.SendActivationEmail;
        // Hashed (validators already ran) before the transaction, not inside it: on SQLite a transaction holds the
        // database's write lock, which the slow key derivation would keep from every other writer.
        user.PasswordHash = accounts.Users.PasswordHasher.HashPassword(user, registration.Password);
        IResult? refused;
        try
        {
            // All or nothing, as djoser's create_user in transaction.atomic: the user and its e-mail (spec §6.8).
            refused = await emails.InTransactionAsync(
                async () =>
                {
                    var created = await accounts.Users.CreateAsync(user);
                    if (!created.Succeeded)
                    {
                        return DjoserResults.BareList(era.CannotCreateUser);
                    }

                    if (settings.SendActivationEmail)
                    {
                        await emails.QueueAsync(request.Http, DjoserEmailKind.Activation, user);
                    }
                    else if (settings.SendConfirmationEmail)
                    {
                        await emails.QueueAsync(request.Http, DjoserEmailKind.Confirmation, user);
                    }

                    return null;
                },
                request.Aborted);
        }
        catch (DbUpdateException exception) when (DjoserDatabaseFaults.IsUniqueViolation(exception))
        {
            // Another request registered the same username between the check and the insert (spec §6.8). Any other
            // update error is the database's, answered 503 by the endpoint handler, not taken for a duplicate.
            return DjoserResults.BareList(era.CannotCreateUser);
        }

        if (refused is not null)
        {
            return refused;
        }

        return DjoserUserResults.UserObject(model, StatusCodes.Status201Created, user, DjoserUserShape.Created);
    }
}
