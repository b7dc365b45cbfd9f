using System.Text.Encodings.Web;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Djoser.Authentication;

/// <summary>
/// DRF's <c>TokenAuthentication</c> as an ASP.NET Core authentication handler: <c>Authorization: Token &lt;key&gt;</c>,
/// the same failure texts, and a <c>WWW-Authenticate: Token</c> challenge. A header with another keyword is left to
/// other schemes (the request stays anonymous), as DRF does (spec §1.5).
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
/// <typeparam name="TKey">The user's key type.</typeparam>
public sealed class DjoserTokenAuthenticationHandler<TUser, TKey>(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDjoserAuthTokenStore<TUser> tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[HeaderNames.Authorization].ToString();
        var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !parts[0].Equals(DjoserTokenDefaults.Keyword, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (parts.Length == 1)
        {
            return AuthenticateResult.Fail(DjoserMessages.TokenHeaderNoCredentials);
        }

        if (parts.Length > 2)
        {
            return AuthenticateResult.Fail(DjoserMessages.TokenHeaderHasSpaces);
        }

        var key = parts[1];
        if (!key.All(char.IsAscii))
        {
            return AuthenticateResult.Fail(DjoserMessages.TokenHeaderInvalidCharacters);
        }

        var user = await tokens.FindUserAsync(key, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail(DjoserMessages.InvalidAuthToken);
        }

        // djoser's is_active is Identity's EmailConfirmed: activation by e-mailed link confirms it.
        if (!user.EmailConfirmed)
        {
            return AuthenticateResult.Fail(DjoserMessages.UserInactiveOrDeleted);
        }

        return AuthenticateResult.Success(DjoserTickets.Issue<TUser, TKey>(Context, user, Scheme.Name));
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var message = result.Failure?.Message ?? DjoserMessages.NotAuthenticated;
        await DjoserResults.Detail(StatusCodes.Status401Unauthorized, message, DjoserTokenDefaults.Keyword).ExecuteAsync(Context);
    }
}
