using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Errors;
using Djoser.Model;

namespace Djoser.Endpoints;

/// <summary>
/// With <see cref="DjoserOptions.SendActivationEmail"/> on, registration requires the e-mail even where the model
/// leaves it optional (a <c>string?</c> <c>Email</c> among the required fields). djoser would create a user who
/// starts inactive, is sent nothing and can never activate; this answers <c>{"email": ["This field is required."]}</c>
/// instead (a documented deviation, README "Where we differ").
/// </summary>
internal static class DjoserActivationEmailRule
{
    private const string EmailProperty = "Email";
    private const string Password = "password";

    /// <summary>
    /// <paramref name="errors"/> with the e-mail's error added in DRF's field order (required fields, username
    /// field, password), or <paramref name="errors"/> itself when there is nothing to add.
    /// </summary>
    public static DjoserValidationErrors Apply<TUser>(DjoserOptions options, IDjoserUserModel<TUser> model, DjoserRequestBody body, DjoserValidationErrors errors)
        where TUser : class
    {
        if (!options.SendActivationEmail)
        {
            return errors;
        }

        var emailIndex = IndexOf(model.RequiredFields, EmailProperty);
        if (emailIndex < 0)
        {
            // Not on the registration body, or it is the username field, which is always required.
            return errors;
        }

        var email = model.RequiredFields[emailIndex].JsonName;
        if (errors.Contains(email))
        {
            return errors;
        }

        // The binder accepted it as optional; read it again as a required, non-null, non-blank CharField would be.
        var missing = new DjoserValidationErrors();
        body.ReadString(email, DjoserFieldRules.Required, missing);
        if (!missing.Contains(email))
        {
            return errors;
        }

        var ordered = new DjoserValidationErrors();
        var added = false;
        foreach (var (field, messages) in errors.Entries)
        {
            if (!added && Position(model, field) > emailIndex)
            {
                ordered.AddRange(email, missing[email]);
                added = true;
            }

            ordered.AddRange(field, messages);
        }

        if (!added)
        {
            ordered.AddRange(email, missing[email]);
        }

        return ordered;
    }

    private static int IndexOf(IReadOnlyList<DjoserFieldInfo> fields, string propertyName)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].PropertyName == propertyName)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A field's place in the registration serializer: required fields, then the username field, then password and anything else.</summary>
    private static int Position<TUser>(IDjoserUserModel<TUser> model, string jsonName)
        where TUser : class
    {
        for (var i = 0; i < model.RequiredFields.Count; i++)
        {
            if (model.RequiredFields[i].JsonName == jsonName)
            {
                return i;
            }
        }

        return jsonName == model.UsernameField.JsonName ? model.RequiredFields.Count
            : jsonName == Password ? model.RequiredFields.Count + 1
            : model.RequiredFields.Count + 2;
    }
}
