using System.Text;
using System.Text.Encodings.Web;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Djoser.Authentication;

/// <summary>
/// DRF's <c>TokenAuthentication</c> as an ASP.NET Core authentication handler: <c>Authorization: Token &lt;key&gt;</c>,
/// the same failure texts, and a <c>WWW-Authenticate: Token</c> challenge.
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
/// <typeparam name="TKey">The user's key type.</typeparam>
public sealed class DjoserTokenAuthenticationHandler<TUser, TKey>(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDjoserAuthTokenStore<TUser> tokens)
    : DjoserHeaderAuthenticationHandler(options, logger, encoder)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    /// <inheritdoc/>
    protected override string Keyword => DjoserTokenDefaults.Keyword;

    /// <inheritdoc/>
    protected override string Challenge => DjoserTokenDefaults.Keyword;

    /// <inheritdoc/>
    protected override string NoCredentialsMessage => DjoserMessages.TokenHeaderNoCredentials;

    /// <inheritdoc/>
    protected override string SpacesMessage => DjoserMessages.TokenHeaderHasSpaces;

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> AuthenticateCredentialsAsync(string credentials)
    {
        if (!Ascii.IsValid(credentials))
        {
            return AuthenticateResult.Fail(DjoserMessages.TokenHeaderInvalidCharacters);
        }

        // An expired token is an unknown one to DRF's client: "Invalid token." (beyond djoser: Djoser:Token:Lifetime).
        var match = await tokens.FindAsync(credentials, Context.RequestAborted);
        if (match is null)
        {
            return AuthenticateResult.Fail(DjoserMessages.InvalidAuthToken);
        }

        var user = match.User;

        // djoser's is_active is Identity's EmailConfirmed: activation by e-mailed link confirms it.
        if (!user.EmailConfirmed)
        {
            return AuthenticateResult.Fail(DjoserMessages.UserInactiveOrDeleted);
        }

        // Logout deletes this token only, and the device list marks it, when tokens are per device.
        Context.Features.Set(new DjoserAuthTokenFeature(match.TokenId));
        return AuthenticateResult.Success(DjoserTickets.Issue<TUser, TKey>(Context, user, Scheme.Name));
    }
}
