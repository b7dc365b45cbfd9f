using Djoser.Model;
using Microsoft.Extensions.Options;

namespace Djoser.Configuration;

/// <summary>
/// With <c>Djoser:SendActivationEmail</c> on, registration must take an e-mail address, or every new user starts
/// inactive with no link sent and can never log in: the username field must be the e-mail, or <c>Email</c> one of the
/// required fields (<c>DjoserActivationEmailRule</c> then requires it). Checked at start-up, naming the fix.
/// </summary>
internal sealed class DjoserActivationModelValidator<TUser>(IDjoserUserModel<TUser> model) : IValidateOptions<DjoserOptions>
    where TUser : class
{
    private const string EmailProperty = "Email";

    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        if (!options.SendActivationEmail
            || model.UsernameField.PropertyName == EmailProperty
            || model.RequiredFields.Any(field => field.PropertyName == EmailProperty))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"Djoser:SendActivationEmail is true, but registration of '{typeof(TUser).Name}' takes no e-mail address, so no user could ever be " +
            $"activated: add nameof(Email) to [DjoserUser(RequiredFields = [...])] on '{typeof(TUser).FullName}', or turn Djoser:SendActivationEmail off.");
    }
}
