using Djoser.Configuration;
using Djoser.Endpoints.Eras;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Djoser.Tokens;

/// <summary>
/// Signs and checks simplejwt-shaped tokens with Microsoft.IdentityModel: one algorithm only (so <c>alg: none</c> and
/// an RS256 token against an HS256 secret both fail), lifetimes against the injected <see cref="TimeProvider"/>.
/// A singleton: the handler and the validation parameters are built once.
/// </summary>
internal sealed class DjoserJwtCodec
{
    private readonly DjoserJwtOptions _options;
    private readonly DjoserJwtKeys _keys;
    private readonly TimeProvider _time;
    private readonly TokenValidationParameters _parameters;
    private readonly TokenValidationParameters _drfJwtParameters;
    private readonly DjoserJwtFlavour _flavour;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public DjoserJwtCodec(IOptions<DjoserOptions> options, TimeProvider time)
    {
        _options = options.Value.Jwt;
        _keys = DjoserJwtKeys.Load(_options);
        _time = time;
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = _keys.Verifying,
            ValidAlgorithms = [_keys.Algorithm],
            RequireSignedTokens = true,
            ValidateLifetime = true,
            LifetimeValidator = (notBefore, expires, token, _) => IsAlive(notBefore, expires, (token as JsonWebToken)?.IssuedAt),
            ValidateIssuer = _options.Issuer is not null,
            ValidIssuer = _options.Issuer,
            ValidateAudience = _options.Audience is not null,
            ValidAudience = _options.Audience,
        };

        // drf-jwt tells an expired token from a bad one, so its lifetime is checked after the signature, here.
        _drfJwtParameters = _parameters.Clone();
        _drfJwtParameters.ValidateLifetime = false;
        _drfJwtParameters.LifetimeValidator = null;
        _flavour = DjoserEra.For(options.Value.UrlLayout).Jwt;
    }

    /// <summary>Whether the layout's tokens are djangorestframework-jwt's (djoser 1.1) rather than simplejwt's.</summary>
    public bool IsDrfJwt => _flavour == DjoserJwtFlavour.DrfJwt;

    /// <summary>A new token of <paramref name="type"/> whose user id claim is <paramref name="userId"/> (a number or text).</summary>
    public DjoserJwtToken Create(DjoserJwtTokenType type, object userId)
    {
        // Whole seconds, as simplejwt's datetime_to_epoch writes them, so the returned times equal the claims.
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + (type == DjoserJwtTokenType.Access ? _options.AccessTokenLifetime : _options.RefreshTokenLifetime);
        var jti = Guid.NewGuid().ToString("N");
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [_options.TokenTypeClaim] = TypeName(type),
                [_options.JtiClaim] = jti,
                [_options.UserIdClaim] = userId,
            },
            IssuedAt = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            SigningCredentials = _keys.Signing,
        });
        return new DjoserJwtToken(token, type, jti, Convert.ToString(userId, System.Globalization.CultureInfo.InvariantCulture), now, expires);
    }

    /// <summary>
    /// A new djangorestframework-jwt token (1.11's <c>jwt_payload_handler</c>): <c>user_id</c>, <c>username</c>,
    /// <c>email</c>, <c>exp</c> after <c>Djoser:Jwt:AccessTokenLifetime</c>, and <c>orig_iat</c> — now, or kept from
    /// the token being refreshed. No <c>iat</c>, <c>jti</c> or <c>token_type</c>, as drf-jwt writes none.
    /// </summary>
    public DjoserJwtToken CreateDrfJwt(object userId, string username, string? email, DateTimeOffset? origIat)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + _options.AccessTokenLifetime;
        var orig = origIat ?? now;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [_options.UserIdClaim] = userId,
            ["username"] = username,
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["orig_iat"] = orig.ToUnixTimeSeconds(),
        };
        if (email is not null)
        {
            claims["email"] = email;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            SigningCredentials = _keys.Signing,
        });
        return new DjoserJwtToken(token, DjoserJwtTokenType.Access, string.Empty, Convert.ToString(userId, System.Globalization.CultureInfo.InvariantCulture), orig, expires);
    }

    /// <summary>
    /// Decodes a djangorestframework-jwt token as 1.11's <c>jwt_decode_handler</c> (PyJWT 1.x) does, telling apart
    /// the three failures drf-jwt's authentication reports differently: a bad token ("Error decoding signature."), one
    /// past its <c>exp</c> with the leeway ("Signature has expired."), and one PyJWT refuses for another reason — an
    /// algorithm other than <c>Djoser:Jwt:Algorithm</c>, a future <c>nbf</c>, a wrong issuer or audience.
    /// </summary>
    public async Task<DrfJwtPayload> DecodeDrfJwtAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _drfJwtParameters).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return Refused(ClassifyRefusal(token, result.Exception));
        }

        // PyJWT's _validate_claims order: nbf, then exp.
        var now = _time.GetUtcNow();
        var claimsFailure = ClaimsFailure(jwt, now);
        if (claimsFailure != DrfJwtFailure.None)
        {
            return Refused(claimsFailure);
        }

        DateTimeOffset? expires = jwt.TryGetClaim(JwtRegisteredClaimNames.Exp, out _) ? new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) : null;
        string? userId = jwt.TryGetClaim(_options.UserIdClaim, out var userClaim) ? userClaim.Value : null;
        string? username = jwt.TryGetClaim("username", out var usernameClaim) ? usernameClaim.Value : null;
        DateTimeOffset? origIat = jwt.TryGetPayloadValue<long>("orig_iat", out var orig) ? DateTimeOffset.FromUnixTimeSeconds(orig) : null;
        var parsed = new DjoserJwtToken(token, DjoserJwtTokenType.Access, string.Empty, userId, origIat ?? expires ?? now, expires ?? DateTimeOffset.MaxValue);
        return new(parsed, null, DrfJwtFailure.None, username, origIat);
    }

    // drf-jwt's serializers catch only ExpiredSignature and DecodeError (another InvalidTokenError is a 500 there), so
    // the text of every other refusal is "Error decoding signature."; its authentication class says more (see Failure).
    private static DrfJwtPayload Refused(DrfJwtFailure failure) =>
        new(null, failure == DrfJwtFailure.Expired ? DrfJwtMessages.SignatureExpired : DrfJwtMessages.DecodingError, failure, null, null);

    // IdentityModel checks the signature before the issuer and audience; PyJWT checks nbf and exp before them, so a
    // token refused for its issuer or audience is first looked at for those.
    private DrfJwtFailure ClassifyRefusal(string token, Exception? exception)
    {
        switch (exception)
        {
            case SecurityTokenInvalidAudienceException or SecurityTokenInvalidIssuerException:
                var claims = ClaimsFailure(_handler.ReadJsonWebToken(token), _time.GetUtcNow());
                return claims == DrfJwtFailure.None ? DrfJwtFailure.Invalid : claims;
            case SecurityTokenInvalidAlgorithmException:
                return DrfJwtFailure.Invalid;
        }

        // PyJWT reads the segments first (DecodeError), then refuses an algorithm it was not given (InvalidAlgorithmError,
        // e.g. "none" or RS256 against an HS256 secret), then checks the signature (DecodeError).
        if (_handler.CanReadToken(token))
        {
            try
            {
                if (!string.Equals(_handler.ReadJsonWebToken(token).Alg, _keys.Algorithm, StringComparison.Ordinal))
                {
                    return DrfJwtFailure.Invalid;
                }
            }
            catch (ArgumentException)
            {
                return DrfJwtFailure.Decode;
            }
        }

        return DrfJwtFailure.Decode;
    }

    private DrfJwtFailure ClaimsFailure(JsonWebToken jwt, DateTimeOffset now)
    {
        if (jwt.TryGetClaim(JwtRegisteredClaimNames.Nbf, out _) && new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero) > now + _options.Leeway)
        {
            return DrfJwtFailure.Invalid;
        }

        if (jwt.TryGetClaim(JwtRegisteredClaimNames.Exp, out _) && new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) <= now - _options.Leeway)
        {
            return DrfJwtFailure.Expired;
        }

        return DrfJwtFailure.None;
    }

    /// <summary>Validates as simplejwt's <c>Token.__init__</c> does, in its order: decode, <c>exp</c>, <c>jti</c>, <c>token_type</c>.</summary>
    /// <remarks>In the 1.1 layout the token is drf-jwt's, which has one kind only: any valid one authenticates.</remarks>
    public async Task<DjoserJwtValidation> ValidateAsync(string token, DjoserJwtTokenType type)
    {
        if (IsDrfJwt)
        {
            var payload = await DecodeDrfJwtAsync(token).ConfigureAwait(false);
            return new(payload.Token, payload.Error);
        }

        return await ValidateAsync(token, (DjoserJwtTokenType?)type).ConfigureAwait(false);
    }

    /// <summary>As <see cref="ValidateAsync(string, DjoserJwtTokenType)"/>; a <c>null</c> type accepts either (simplejwt's <c>UntypedToken</c>).</summary>
    public async Task<DjoserJwtValidation> ValidateAsync(string token, DjoserJwtTokenType? type)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return new(null, DjoserJwtMessages.TokenInvalidOrExpired);
        }

        // PyJWT decodes a token without exp; simplejwt's check_exp then refuses it.
        if (!jwt.TryGetClaim(JwtRegisteredClaimNames.Exp, out _))
        {
            return new(null, DjoserJwtMessages.TokenHasNoExpiry);
        }

        if (!jwt.TryGetClaim(_options.JtiClaim, out var jti))
        {
            return new(null, DjoserJwtMessages.TokenHasNoId);
        }

        // simplejwt's UntypedToken (verify) skips the token_type check altogether.
        var hasType = jwt.TryGetClaim(_options.TokenTypeClaim, out var tokenType);
        if (type is { } expected)
        {
            if (!hasType)
            {
                return new(null, DjoserJwtMessages.TokenHasNoType);
            }

            if (tokenType!.Value != TypeName(expected))
            {
                return new(null, DjoserJwtMessages.TokenWrongType);
            }
        }

        var actual = hasType && tokenType!.Value == TypeName(DjoserJwtTokenType.Refresh) ? DjoserJwtTokenType.Refresh : DjoserJwtTokenType.Access;
        string? userId = jwt.TryGetClaim(_options.UserIdClaim, out var userClaim) ? userClaim.Value : null;
        var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        var issuedAt = jwt.TryGetClaim(JwtRegisteredClaimNames.Iat, out _) ? new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero) : expires;
        return new(new DjoserJwtToken(token, actual, jti.Value, userId, issuedAt, expires), null);
    }

    // PyJWT's rules, against the injected clock: dead from the exp second itself, not yet valid before nbf, and not
    // yet valid when issued in the future; each with the leeway. A missing exp passes here and fails in ValidateAsync.
    private bool IsAlive(DateTime? notBefore, DateTime? expires, DateTime? issuedAt)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var leeway = _options.Leeway;
        return !(expires <= now - leeway)
            && !(notBefore > now + leeway)
            && !(issuedAt is { } iat && iat != DateTime.MinValue && iat > now + leeway);
    }

    private static string TypeName(DjoserJwtTokenType type) => type == DjoserJwtTokenType.Access ? "access" : "refresh";
}

/// <summary>A decoded djangorestframework-jwt token, or drf-jwt's text saying why not.</summary>
/// <param name="Token">The token, or null.</param>
/// <param name="Error">The text drf-jwt's serializers answer, or null.</param>
/// <param name="Failure">Which of PyJWT's refusals it was, for drf-jwt's authentication class.</param>
/// <param name="Username">The <c>username</c> claim drf-jwt finds the user by.</param>
/// <param name="OrigIat">The <c>orig_iat</c> claim the refresh window counts from.</param>
internal readonly record struct DrfJwtPayload(DjoserJwtToken? Token, string? Error, DrfJwtFailure Failure, string? Username, DateTimeOffset? OrigIat);

/// <summary>Why PyJWT 1.x refused a drf-jwt token, as drf-jwt's authentication class tells them apart.</summary>
internal enum DrfJwtFailure
{
    /// <summary>Decoded.</summary>
    None,

    /// <summary><c>ExpiredSignatureError</c>: "Signature has expired."</summary>
    Expired,

    /// <summary><c>DecodeError</c> (malformed, bad signature): "Error decoding signature."</summary>
    Decode,

    /// <summary>Another <c>InvalidTokenError</c> (algorithm, <c>nbf</c>, issuer, audience): DRF's default text.</summary>
    Invalid,
}
