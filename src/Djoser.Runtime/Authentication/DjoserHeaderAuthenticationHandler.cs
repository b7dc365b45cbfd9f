using System.Text.Encodings.Web;
using Djoser.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Djoser.Authentication;

/// <summary>
/// DRF's header authentications (<c>TokenAuthentication</c>, <c>BasicAuthentication</c>) share their parsing:
/// <c>Authorization: &lt;keyword&gt; &lt;credentials&gt;</c> with the keyword matched case-insensitively, a header with another
/// keyword left to other schemes (spec §1.5), one word or more than two a 401 with the scheme's text, and a 401
/// challenge in DRF's JSON shape with the scheme's <c>WWW-Authenticate</c>.
/// </summary>
public abstract class DjoserHeaderAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The <c>Authorization</c> keyword, e.g. <c>Token</c>.</summary>
    protected abstract string Keyword { get; }

    /// <summary>The <c>WWW-Authenticate</c> value of a 401.</summary>
    protected abstract string Challenge { get; }

    /// <summary>The text for the keyword alone.</summary>
    protected abstract string NoCredentialsMessage { get; }

    /// <summary>The text for more than one word after the keyword.</summary>
    protected abstract string SpacesMessage { get; }

    /// <summary>Checks the one word after the keyword.</summary>
    protected abstract Task<AuthenticateResult> AuthenticateCredentialsAsync(string credentials);

    /// <inheritdoc/>
    protected override Task<object> CreateEventsAsync() => DjoserNoEvents.Task;

    /// <inheritdoc/>
    protected sealed override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The header's words split on spaces, without allocating them: this runs on every authenticated request.
        var header = Request.Headers[HeaderNames.Authorization].ToString().AsSpan().TrimStart(' ');
        var end = header.IndexOf(' ');
        var keyword = end < 0 ? header : header[..end];
        if (keyword.IsEmpty || !keyword.Equals(Keyword, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // What follows the keyword, trimmed: nothing is one word, a space inside it is more than two.
        var credentials = end < 0 ? [] : header[end..].Trim(' ');
        if (credentials.IsEmpty)
        {
            return Task.FromResult(AuthenticateResult.Fail(NoCredentialsMessage));
        }

        return credentials.Contains(' ')
            ? Task.FromResult(AuthenticateResult.Fail(SpacesMessage))
            : AuthenticateCredentialsAsync(credentials.ToString());
    }

    /// <inheritdoc/>
    protected sealed override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var message = result.Failure?.Message ?? DjoserMessages.NotAuthenticated;
        await DjoserResults.Detail(StatusCodes.Status401Unauthorized, message, Challenge).ExecuteAsync(Context);
    }
}
