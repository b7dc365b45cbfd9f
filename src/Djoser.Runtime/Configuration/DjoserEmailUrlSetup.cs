using Microsoft.Extensions.Options;

namespace Djoser.Configuration;

/// <summary>
/// Applies <c>Djoser:Email:Url</c> over the separate <c>Djoser:Email:Smtp:*</c> keys, and stops the start when the URL
/// does not parse or when both forms are given (which one wins would be a guess).
/// </summary>
internal sealed class DjoserEmailUrlSetup : IPostConfigureOptions<DjoserOptions>, IValidateOptions<DjoserOptions>
{
    public void PostConfigure(string? name, DjoserOptions options)
    {
        var email = options.Email;
        if (!string.IsNullOrWhiteSpace(email.Url) && string.IsNullOrWhiteSpace(email.Smtp.Host)
            && DjoserEmailUrl.TryParse(email.Url, out var url, out _))
        {
            url!.ApplyTo(email);
            email.SmtpFromUrl = true;
        }
    }

    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        var email = options.Email;
        if (string.IsNullOrWhiteSpace(email.Url))
        {
            return ValidateOptionsResult.Success;
        }

        if (!DjoserEmailUrl.TryParse(email.Url, out _, out var error))
        {
            return ValidateOptionsResult.Fail(error!);
        }

        return email.SmtpFromUrl
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{DjoserEmailUrl.Key} and Djoser:Email:Smtp:Host are both set ('{email.Smtp.Host}'): give the SMTP server one way, either the URL alone or the Djoser:Email:Smtp:* keys.");
    }
}
