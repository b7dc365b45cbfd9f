using Microsoft.Extensions.Options;

namespace Djoser.Configuration;

/// <summary>
/// Cross-setting rules checked at start-up, so a djoser misconfiguration that would surface as a 500 on the first
/// e-mail (spec §10) stops the application instead, naming the setting.
/// </summary>
internal sealed class DjoserOptionsValidator : IValidateOptions<DjoserOptions>
{
    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.UrlLayout))
        {
            failures.Add($"Djoser:UrlLayout '{options.UrlLayout}' is not a known layout; use V1.");
        }

        if (options.SendActivationEmail)
        {
            CheckLinkTemplate(failures, "Djoser:ActivationUrl", options.ActivationUrl, "Djoser:SendActivationEmail is true");
        }
        else if (options.ActivationUrl is not null)
        {
            CheckLinkTemplate(failures, "Djoser:ActivationUrl", options.ActivationUrl, "it is set");
        }

        // The reset endpoint is always mapped, so its link must always be buildable.
        CheckLinkTemplate(failures, "Djoser:PasswordResetConfirmUrl", options.PasswordResetConfirmUrl, "password reset e-mails link to it");

        if (options.PasswordResetTimeout <= TimeSpan.Zero)
        {
            failures.Add("Djoser:PasswordResetTimeout must be positive (e.g. 3.00:00:00 for three days).");
        }

        if (options.AuthTokenCacheDuration < TimeSpan.Zero)
        {
            failures.Add("Djoser:AuthTokenCacheDuration must not be negative (00:00:00 turns the cache off).");
        }

        CheckMaxRequestBodySize(failures, options.MaxRequestBodySize);

        if (string.IsNullOrWhiteSpace(options.Email.From))
        {
            failures.Add("Djoser:Email:From must be an e-mail address (Django's DEFAULT_FROM_EMAIL).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckMaxRequestBodySize(List<string> failures, long maxRequestBodySize)
    {
        if (maxRequestBodySize <= 0)
        {
            failures.Add($"Djoser:MaxRequestBodySize must be a positive number of bytes (default 2621440, Django's DATA_UPLOAD_MAX_MEMORY_SIZE), not {maxRequestBodySize}.");
        }
    }

    private static void CheckLinkTemplate(List<string> failures, string key, string? template, string because)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            failures.Add($"{key} is required because {because}: set it to the front end's path with {{uid}} and {{token}}, e.g. '#/activate/{{uid}}/{{token}}'.");
            return;
        }

        if (!template.Contains("{uid}", StringComparison.Ordinal) || !template.Contains("{token}", StringComparison.Ordinal))
        {
            failures.Add($"{key} '{template}' must contain both {{uid}} and {{token}}.");
        }

        if (template.StartsWith('/'))
        {
            failures.Add($"{key} '{template}' must not start with '/': e-mails print the link as protocol://domain/<url>.");
        }
    }
}
