using System.Runtime.CompilerServices;
using Djoser.Configuration;
using Microsoft.Extensions.Options;

namespace Djoser.Emails;

/// <summary>
/// Parses the template overrides of <c>Djoser:Email:TemplateDirectory</c> at start-up, so a template that does not
/// parse stops the start naming the file and line instead of failing the first e-mail of its kind. The built-in
/// templates are not parsed here (start-up time); their tests parse them.
/// </summary>
internal sealed class DjoserEmailTemplateValidator : IValidateOptions<DjoserOptions>
{
    public ValidateOptionsResult Validate(string? name, DjoserOptions options) =>
        // Without overrides there is nothing to parse, and the template engine's assembly stays unloaded until the first e-mail.
        string.IsNullOrWhiteSpace(options.Email.TemplateDirectory) ? ValidateOptionsResult.Success : ValidateOverrides(options.Email.TemplateDirectory);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ValidateOptionsResult ValidateOverrides(string directory)
    {
        var (_, errors) = DjoserEmailTemplates.LoadOverrides(directory);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
