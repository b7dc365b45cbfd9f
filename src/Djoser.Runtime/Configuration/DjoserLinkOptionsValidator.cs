using Microsoft.Extensions.Options;

namespace Djoser.Configuration;

/// <summary>
/// Start-up checks of the settings e-mailed links are built from (<c>Djoser:Domain</c>, <c>Djoser:Protocol</c>). The
/// domain is required: every application maps the password reset endpoint, whose e-mail carries a link, and a link
/// built from the request's <c>Host</c> header points wherever the client says (djoser #235, #450, #498).
/// <c>Djoser:Email:UseRequestHost</c> opts into that for development.
/// </summary>
internal sealed class DjoserLinkOptionsValidator : IValidateOptions<DjoserOptions>
{
    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Domain))
        {
            if (!options.Email.UseRequestHost)
            {
                failures.Add(
                    "Djoser:Domain is required because djoser's e-mails carry links to the front end: set it to the front end's host, e.g. 'app.example.com' "
                    + "(links are never built from the request's Host header, which a client can forge; for development only, "
                    + "Djoser:Email:UseRequestHost = true uses it anyway).");
            }
        }
        else if (options.Domain.Contains("://", StringComparison.Ordinal) || options.Domain.Contains('/', StringComparison.Ordinal)
            || options.Domain.Any(char.IsWhiteSpace))
        {
            failures.Add($"Djoser:Domain '{options.Domain}' must be a host with an optional port, e.g. 'app.example.com' or 'localhost:8000': "
                + "the scheme is Djoser:Protocol and e-mails print links as protocol://domain/<url>.");
        }

        if (options.Protocol is not ("https" or "http"))
        {
            failures.Add($"Djoser:Protocol '{options.Protocol}' must be 'https' (the default) or 'http'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
