using Microsoft.Extensions.Options;

namespace Djoser.Configuration;

/// <summary>
/// Start-up check of <c>Djoser:EmailChangeConfirmUrl</c>: required while <c>Djoser:Email:ConfirmEmailChange</c> is on,
/// since every deferred e-mail change sends its link; checked like the other link settings when set anyway. The opt-in
/// needs a layout that maps the confirm (V1 or V2).
/// </summary>
internal sealed class DjoserEmailChangeOptionsValidator : IValidateOptions<DjoserOptions>
{
    private const string Key = "Djoser:EmailChangeConfirmUrl";
    private const string Example = "#/email/confirm/{uid}/{token}";

    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        var failures = new List<string>();
        if (options.Email.ConfirmEmailChange)
        {
            DjoserOptionsValidator.CheckLinkTemplate(failures, Key, options.EmailChangeConfirmUrl, "Djoser:Email:ConfirmEmailChange is true, and the e-mail to a new address links to it", Example);
            if (options.UrlLayout == DjoserUrlLayout.V05)
            {
                // The confirm URL exists in the V1 and V2 layouts only: under V05 an asked change could never be made.
                failures.Add("Djoser:Email:ConfirmEmailChange needs Djoser:UrlLayout V1 or V2, which map the confirm URL; V05 has none.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.EmailChangeConfirmUrl))
        {
            DjoserOptionsValidator.CheckLinkTemplate(failures, Key, options.EmailChangeConfirmUrl, "it is set", Example);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
