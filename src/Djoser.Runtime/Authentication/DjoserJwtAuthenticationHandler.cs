using System.Text.Encodings.Web;
using Djoser.Configuration;
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
/// simplejwt's <c>JWTAuthentication</c> as an ASP.NET Core authentication handler (spec §12): it claims every
/// <c>Authorization</c> header whose first word is one of <c>Djoser:Jwt:AuthHeaderTypes</c> (exact match), and the
/// value must be a valid access token of an existing, active user; anything else there is a 401 in simplejwt's shape,
/// never passed on to the next scheme. Its own challenge is <c>&lt;first header type&gt; realm="api"</c>.
/// </summary>
/// <remarks>
/// Not on <see cref="DjoserHeaderAuthenticationHandler"/>: simplejwt matches several keywords case-sensitively, splits
/// on any whitespace, gives one text for one word and for three, and answers bodies with <c>code</c> and <c>messages</c>.
/// </remarks>
/// <typeparam name="TUser">The user model.</typeparam>
/// <typeparam name="TKey">The user's key type.</typeparam>
public sealed class DjoserJwtAuthenticationHandler<TUser, TKey>(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<DjoserOptions> djoser,
    IDjoserJwtTokens<TUser> tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Python's bytes.split(): runs of whitespace separate, none at the ends.
        var parts = Request.Headers[HeaderNames.Authorization].ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !djoser.Value.Jwt.EffectiveAuthHeaderTypes.Contains(parts[0], StringComparer.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        if (parts.Length != 2)
        {
            return Fail(DjoserJwtMessages.BadAuthorizationHeader, DjoserJwtMessages.BadAuthorizationHeaderCode);
        }

        var validation = await tokens.ValidateAsync(parts[1], DjoserJwtTokenType.Access);
        if (!validation.IsValid)
        {
            return AuthenticateResult.Fail(NotValidForAnyTokenType(validation.Error));
        }

        if (validation.Token.UserId is not { } userId)
        {
            return Fail(DjoserJwtMessages.NoUserIdentification, DjoserJwtMessages.TokenNotValidCode);
        }

        var user = await tokens.FindUserAsync(userId, Context.RequestAborted);
        if (user is null)
        {
            return Fail(DjoserJwtMessages.UserNotFound, DjoserJwtMessages.UserNotFoundCode);
        }

        // djoser's is_active is Identity's EmailConfirmed, as for token authentication.
        if (!user.EmailConfirmed)
        {
            return Fail(DjoserJwtMessages.UserInactive, DjoserJwtMessages.UserInactiveCode);
        }

        return AuthenticateResult.Success(DjoserTickets.Issue<TUser, TKey>(Context, user, Scheme.Name));
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var challenge = DjoserJwtDefaults.Challenge(djoser.Value);
        var response = result.Failure is DjoserAuthenticationFailure failure
            ? failure.ToResult(challenge)
            : DjoserResults.Detail(StatusCodes.Status401Unauthorized, result.Failure?.Message ?? DjoserMessages.NotAuthenticated, challenge);
        await response.ExecuteAsync(Context);
    }

    private static AuthenticateResult Fail(string detail, string code) => AuthenticateResult.Fail(new DjoserAuthenticationFailure(detail, code));

    // simplejwt's InvalidToken after every AUTH_TOKEN_CLASSES entry refused the token (only AccessToken here).
    private static DjoserAuthenticationFailure NotValidForAnyTokenType(string message) =>
        new(DjoserJwtMessages.NotValidForAnyTokenType, DjoserJwtMessages.TokenNotValidCode, writer =>
        {
            writer.WriteStartArray("messages");
            writer.WriteStartObject();
            writer.WriteString("token_class", "AccessToken");
            writer.WriteString("token_type", "access");
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndArray();
        });
}
