using System.Text.Encodings.Web;
using Djoser.Configuration;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Djoser.Authentication;

/// <summary>
/// simplejwt's <c>JWTAuthentication</c> as an ASP.NET Core authentication handler (spec §12) — or, in djoser 1.1's
/// layout, djangorestframework-jwt 1.11's <c>JSONWebTokenAuthentication</c> (see the remarks). simplejwt's claims every
/// <c>Authorization</c> header whose first word is one of <c>Djoser:Jwt:AuthHeaderTypes</c> (exact match), and the
/// value must be a valid access token of an existing, active user; anything else there is a 401 in simplejwt's shape,
/// never passed on to the next scheme. Its own challenge is <c>&lt;first header type&gt; realm="api"</c>.
/// </summary>
/// <remarks>
/// <para>
/// drf-jwt's claims a header whose first word is the first of <c>Djoser:Jwt:AuthHeaderTypes</c> (its
/// <c>JWT_AUTH_HEADER_PREFIX</c>, <c>JWT</c> by default) in any case; it answers DRF's <c>{"detail"}</c> alone with
/// drf-jwt's texts ("Signature has expired.", "Error decoding signature.", "Invalid payload.", "Invalid signature.",
/// "User account is disabled.") and finds the user by the token's <c>username</c> claim, as drf-jwt does.
/// </para>
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
    protected override Task<object> CreateEventsAsync() => DjoserNoEvents.Task;

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Python's bytes.split(): runs of whitespace separate, none at the ends.
        var parts = Request.Headers[HeaderNames.Authorization].ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (DjoserEra.For(djoser.Value.UrlLayout).Jwt == DjoserJwtFlavour.DrfJwt)
        {
            return await AuthenticateDrfJwtAsync(parts);
        }

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

    /// <summary>drf-jwt 1.11's <c>get_jwt_value</c>, <c>authenticate</c> and <c>authenticate_credentials</c>, in their order.</summary>
    private async Task<AuthenticateResult> AuthenticateDrfJwtAsync(string[] parts)
    {
        if (parts.Length == 0 || !parts[0].Equals(djoser.Value.Jwt.EffectiveAuthHeaderTypes[0], StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (parts.Length != 2)
        {
            return AuthenticateResult.Fail(parts.Length == 1 ? DrfJwtMessages.HeaderNoCredentials : DrfJwtMessages.HeaderHasSpaces);
        }

        // The codec and the user lookup are internal services, so they come from the request's scope, not the constructor.
        var payload = await Context.RequestServices.GetRequiredService<DjoserJwtCodec>().DecodeDrfJwtAsync(parts[1]);
        switch (payload.Failure)
        {
            case DrfJwtFailure.Expired:
                return AuthenticateResult.Fail(DrfJwtMessages.SignatureExpired);
            case DrfJwtFailure.Decode:
                return AuthenticateResult.Fail(DrfJwtMessages.DecodingError);
            case DrfJwtFailure.Invalid:
                return AuthenticateResult.Fail(DrfJwtMessages.IncorrectCredentials);
        }

        if (string.IsNullOrEmpty(payload.Username))
        {
            return AuthenticateResult.Fail(DrfJwtMessages.InvalidPayload);
        }

        var user = await FindByNaturalKeyAsync(payload);
        if (user is null)
        {
            return AuthenticateResult.Fail(DrfJwtMessages.InvalidSignature);
        }

        if (!user.EmailConfirmed)
        {
            return AuthenticateResult.Fail(DrfJwtMessages.AccountDisabled);
        }

        return AuthenticateResult.Success(DjoserTickets.Issue<TUser, TKey>(Context, user, Scheme.Name));
    }

    /// <summary>
    /// drf-jwt's <c>get_by_natural_key</c>: the user whose username field has the token's <c>username</c>, as the check
    /// views find it (JwtDrfCheckAction). The user the token's <c>user_id</c> names comes from the authentication cache
    /// (issue 13: a lookup by name on every request was the V1 JWT path's cost), and is that user while its normalized
    /// username still matches, the lookup by name's own predicate (every djoser change of a user evicts it). After a
    /// username change, or without a <c>user_id</c>, the lookup by name decides, as in drf-jwt.
    /// </summary>
    private async Task<TUser?> FindByNaturalKeyAsync(DrfJwtPayload payload)
    {
        var users = Context.RequestServices.GetRequiredService<UserManager<TUser>>();
        if (payload.Token?.UserId is { } userId
            && await Context.RequestServices.GetRequiredService<IDjoserJwtTokens<TUser>>().FindUserAsync(userId, Context.RequestAborted) is { } byId
            && string.Equals(byId.NormalizedUserName, users.NormalizeName(payload.Username), StringComparison.Ordinal))
        {
            return byId;
        }

        return await users.FindByNameAsync(payload.Username!);
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
