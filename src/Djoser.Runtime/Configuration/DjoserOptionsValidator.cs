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
            failures.Add($"Djoser:UrlLayout '{options.UrlLayout}' is not a known layout; use V05, V1 or V2.");
        }

        if (options.SendActivationEmail)
        {
            CheckLinkTemplate(failures, "Djoser:ActivationUrl", options.ActivationUrl, "Djoser:SendActivationEmail is true", "#/activate/{uid}/{token}");
        }
        else if (!string.IsNullOrWhiteSpace(options.ActivationUrl))
        {
            // Unused while activation is off, but a template that could never work is still a mistake worth naming.
            CheckLinkTemplate(failures, "Djoser:ActivationUrl", options.ActivationUrl, "it is set", "#/activate/{uid}/{token}");
        }

        // The reset endpoint is always mapped, so its link must always be buildable.
        CheckLinkTemplate(failures, "Djoser:PasswordResetConfirmUrl", options.PasswordResetConfirmUrl, "password reset e-mails link to it",
            "#/password/reset/confirm/{uid}/{token}");

        if (options.PasswordResetTimeout <= TimeSpan.Zero)
        {
            failures.Add("Djoser:PasswordResetTimeout must be positive (e.g. 3.00:00:00 for three days).");
        }

        if (options.AuthTokenCacheDuration < TimeSpan.Zero)
        {
            failures.Add("Djoser:AuthTokenCacheDuration must not be negative (e.g. 00:00:05, the default; 00:00:00 turns the cache off).");
        }

        CheckMaxRequestBodySize(failures, options.MaxRequestBodySize);

        if (string.IsNullOrWhiteSpace(options.Email.From))
        {
            failures.Add("Djoser:Email:From must be the e-mail address djoser's e-mails are sent from (Django's DEFAULT_FROM_EMAIL), e.g. 'webmaster@example.com'.");
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

    /// <summary>
    /// Checks one link template; <paramref name="example"/> is djoser's default for that key, shown in every message.
    /// Shared with the other validators of link settings, so every key's messages read alike.
    /// </summary>
    internal static void CheckLinkTemplate(List<string> failures, string key, string? template, string because, string example)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            failures.Add($"{key} is required because {because}: set it to the front end's path with {{uid}} and {{token}}, e.g. '{example}'.");
            return;
        }

        if (!template.Contains("{uid}", StringComparison.Ordinal) || !template.Contains("{token}", StringComparison.Ordinal))
        {
            failures.Add($"{key} '{template}' must contain both {{uid}} and {{token}}, e.g. '{example}'.");
        }

        if (template.StartsWith('/'))
        {
            failures.Add($"{key} '{template}' must not start with '/': e-mails print the link as protocol://domain/<url>, e.g. '{example}'.");
        }
    }
}
