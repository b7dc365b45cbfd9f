using Microsoft.Extensions.Options;

namespace Djoser.Configuration;

/// <summary>
/// Start-up check of <c>Djoser:UsernameResetConfirmUrl</c>: only djoser 2.x's layout maps username reset, so only
/// <see cref="DjoserUrlLayout.V2"/> needs the link (djoser itself fails at the first e-mail, spec §5).
/// </summary>
internal sealed class DjoserUsernameResetOptionsValidator : IValidateOptions<DjoserOptions>
{
    private const string Key = "Djoser:UsernameResetConfirmUrl";
    private const string Example = "#/username/reset/confirm/{uid}/{token}";

    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        var failures = new List<string>();
        if (options.UrlLayout == DjoserUrlLayout.V2)
        {
            DjoserOptionsValidator.CheckLinkTemplate(failures, Key, options.UsernameResetConfirmUrl, "Djoser:UrlLayout is V2, whose username reset e-mails link to it", Example);
        }
        else if (!string.IsNullOrWhiteSpace(options.UsernameResetConfirmUrl))
        {
            // Unused by the older layouts, but a template that could never work is still a mistake worth naming.
            DjoserOptionsValidator.CheckLinkTemplate(failures, Key, options.UsernameResetConfirmUrl, "it is set", Example);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
