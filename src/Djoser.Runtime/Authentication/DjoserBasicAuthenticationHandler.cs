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
/// DRF's <c>BasicAuthentication</c> (djoser 0.5's default, spec §11): <c>Authorization: Basic base64(username:password)</c>
/// checked against the username field and the password on every request, with DRF's failure texts and a
/// <c>WWW-Authenticate: Basic realm="api"</c> challenge.
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
/// <typeparam name="TKey">The user's key type.</typeparam>
public sealed class DjoserBasicAuthenticationHandler<TUser, TKey>(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DjoserLoginLookup<TUser> logins,
    DjoserPasswordSignIn<TUser, TKey> signIn)
    : DjoserHeaderAuthenticationHandler(options, logger, encoder)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    // Strict: DRF's base64.b64decode rejects what is not base64; Latin-1 is its fallback when the text is not UTF-8.
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <inheritdoc/>
    protected override string Keyword => DjoserBasicDefaults.Keyword;

    /// <inheritdoc/>
    protected override string Challenge => DjoserBasicDefaults.Challenge;

    /// <inheritdoc/>
    protected override string NoCredentialsMessage => DjoserMessages.BasicHeaderNoCredentials;

    /// <inheritdoc/>
    protected override string SpacesMessage => DjoserMessages.BasicHeaderHasSpaces;

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> AuthenticateCredentialsAsync(string encoded)
    {
        if (!TryDecode(encoded, out var credentials))
        {
            return AuthenticateResult.Fail(DjoserMessages.BasicHeaderNotBase64);
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        var username = colon < 0 ? credentials : credentials[..colon];
        var password = colon < 0 ? string.Empty : credentials[(colon + 1)..];
        var user = username.Length == 0 ? null : await logins.FindAsync(username, Context.RequestAborted);
        if (user is null)
        {
            // Hash anyway so response time does not tell whether the account exists.
            await signIn.CheckPasswordAsync(null, password, Context.RequestAborted);
            return AuthenticateResult.Fail(DjoserMessages.InvalidUsernameOrPassword);
        }

        // Django's ModelBackend refuses inactive users as it refuses a wrong password.
        var check = user.EmailConfirmed ? await signIn.CheckPasswordAsync(user, password, Context.RequestAborted) : DjoserPasswordCheck.Failed;
        if (check != DjoserPasswordCheck.Succeeded)
        {
            return AuthenticateResult.Fail(signIn.FailureMessage(check, DjoserMessages.InvalidUsernameOrPassword));
        }

        return AuthenticateResult.Success(DjoserTickets.Issue<TUser, TKey>(Context, user, Scheme.Name));
    }

    private static bool TryDecode(string encoded, out string credentials)
    {
        credentials = string.Empty;
        var buffer = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written))
        {
            return false;
        }

        try
        {
            credentials = StrictUtf8.GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            credentials = Encoding.Latin1.GetString(buffer, 0, written);
        }

        return true;
    }
}
