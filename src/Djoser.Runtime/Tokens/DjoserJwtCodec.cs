using Djoser.Configuration;
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
    }

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

    /// <summary>Validates as simplejwt's <c>Token.__init__</c> does, in its order: decode, <c>exp</c>, <c>jti</c>, <c>token_type</c>.</summary>
    public async Task<DjoserJwtValidation> ValidateAsync(string token, DjoserJwtTokenType type)
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

        if (!jwt.TryGetClaim(_options.TokenTypeClaim, out var tokenType))
        {
            return new(null, DjoserJwtMessages.TokenHasNoType);
        }

        if (tokenType.Value != TypeName(type))
        {
            return new(null, DjoserJwtMessages.TokenWrongType);
        }

        string? userId = jwt.TryGetClaim(_options.UserIdClaim, out var userClaim) ? userClaim.Value : null;
        var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        var issuedAt = jwt.TryGetClaim(JwtRegisteredClaimNames.Iat, out _) ? new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero) : expires;
        return new(new DjoserJwtToken(token, type, jti.Value, userId, issuedAt, expires), null);
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
