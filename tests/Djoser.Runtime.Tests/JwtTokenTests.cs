using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Djoser.Configuration;
using Djoser.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Djoser.Runtime.Tests;

/// <summary>simplejwt's tokens (spec §3.2): claims, lifetimes on a fake clock, and every way a token is refused.</summary>
public sealed class JwtTokenTests : IDisposable
{
    private const string Secret = "a-test-signing-key-that-is-long-enough-for-hs256";

    private static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    // simplejwt's tokens are the 2.x layout's; 1.1's are djangorestframework-jwt's (DrfJwt_* below).
    private static DjoserJwtCodec Codec(FakeTimeProvider time, Action<DjoserJwtOptions>? configure = null, DjoserUrlLayout layout = DjoserUrlLayout.V2)
    {
        var options = new DjoserOptions { AuthenticationSchemes = ["Jwt"], UrlLayout = layout };
        options.Jwt.SigningKey = Secret;
        configure?.Invoke(options.Jwt);
        return new DjoserJwtCodec(Options.Create(options), time);
    }

    private static JsonElement Payload(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement;

    private static string Sign(IDictionary<string, object> claims, string algorithm = SecurityAlgorithms.HmacSha256, string secret = Secret) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), algorithm),
        });

    private static Dictionary<string, object> Claims(DateTimeOffset now, string type = "access") => new()
    {
        ["token_type"] = type,
        ["jti"] = "0123456789abcdef0123456789abcdef",
        ["user_id"] = 7,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
    };

    private string PemFile(AsymmetricAlgorithm key, bool publicOnly = false)
    {
        var path = Path.Combine(Path.GetTempPath(), "djoser-jwt-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, publicOnly ? key.ExportSubjectPublicKeyInfoPem() : key.ExportPkcs8PrivateKeyPem());
        _files.Add(path);
        return path;
    }

    [Fact]
    public void CreateAccessToken_HasSimplejwtClaimsAndHs256()
    {
        var token = Codec(new FakeTimeProvider(Start)).Create(DjoserJwtTokenType.Access, 42);

        var payload = Payload(token.Token);
        Assert.Equal("access", payload.GetProperty("token_type").GetString());
        Assert.Equal(42, payload.GetProperty("user_id").GetInt32());
        Assert.Matches("^[0-9a-f]{32}$", payload.GetProperty("jti").GetString());
        Assert.Equal(token.Jti, payload.GetProperty("jti").GetString());
        Assert.Equal(Start.ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
        Assert.Equal(Start.AddMinutes(5).ToUnixTimeSeconds(), payload.GetProperty("exp").GetInt64());
        Assert.False(payload.TryGetProperty("nbf", out _));
        Assert.False(payload.TryGetProperty("iss", out _));
        Assert.Equal("HS256", new JsonWebToken(token.Token).Alg);
        Assert.Equal(("42", Start, Start.AddMinutes(5)), (token.UserId, token.IssuedAt, token.ExpiresAt));
    }

    [Fact]
    public void CreateRefreshToken_LivesOneDay_AndEachTokenHasItsOwnJti()
    {
        var codec = Codec(new FakeTimeProvider(Start));
        var first = codec.Create(DjoserJwtTokenType.Refresh, "ann");
        var second = codec.Create(DjoserJwtTokenType.Refresh, "ann");

        Assert.Equal("refresh", Payload(first.Token).GetProperty("token_type").GetString());
        Assert.Equal("ann", Payload(first.Token).GetProperty("user_id").GetString());
        Assert.Equal(Start.AddDays(1), first.ExpiresAt);
        Assert.NotEqual(first.Jti, second.Jti);
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(300, false)]
    [InlineData(301, false)]
    public async Task AccessToken_AliveUntilFiveMinutes(int seconds, bool alive)
    {
        var time = new FakeTimeProvider(Start);
        var codec = Codec(time);
        var token = codec.Create(DjoserJwtTokenType.Access, 1);

        time.Advance(TimeSpan.FromSeconds(seconds));
        var result = await codec.ValidateAsync(token.Token, DjoserJwtTokenType.Access);

        Assert.Equal(alive, result.IsValid);
        Assert.Equal(alive ? null : "Token is invalid or expired", result.Error);
    }

    [Fact]
    public async Task AccessToken_At4m59_Alive_At5m01_Dead()
    {
        var time = new FakeTimeProvider(Start);
        var codec = Codec(time);
        var token = codec.Create(DjoserJwtTokenType.Access, 1).Token;

        time.Advance(TimeSpan.FromSeconds(299));
        var alive = await codec.ValidateAsync(token, DjoserJwtTokenType.Access);
        time.Advance(TimeSpan.FromSeconds(2));
        var dead = await codec.ValidateAsync(token, DjoserJwtTokenType.Access);

        Assert.True(alive.IsValid);
        Assert.Equal(("1", DjoserJwtTokenType.Access), (alive.Token.UserId, alive.Token.Type));
        Assert.Equal("Token is invalid or expired", dead.Error);
    }

    [Fact]
    public async Task RefreshToken_AliveAt23h59_DeadAfterADay()
    {
        var time = new FakeTimeProvider(Start);
        var codec = Codec(time);
        var token = codec.Create(DjoserJwtTokenType.Refresh, 1).Token;

        time.Advance(TimeSpan.FromHours(23).Add(TimeSpan.FromMinutes(59)));
        Assert.True((await codec.ValidateAsync(token, DjoserJwtTokenType.Refresh)).IsValid);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("Token is invalid or expired", (await codec.ValidateAsync(token, DjoserJwtTokenType.Refresh)).Error);
    }

    [Fact]
    public async Task Leeway_KeepsATokenAliveThatLong()
    {
        var time = new FakeTimeProvider(Start);
        var codec = Codec(time, jwt => jwt.Leeway = TimeSpan.FromSeconds(30));
        var token = codec.Create(DjoserJwtTokenType.Access, 1).Token;

        time.Advance(TimeSpan.FromSeconds(329));
        Assert.True((await codec.ValidateAsync(token, DjoserJwtTokenType.Access)).IsValid);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False((await codec.ValidateAsync(token, DjoserJwtTokenType.Access)).IsValid);
    }

    [Fact]
    public async Task ConfiguredLifetime_IsUsed()
    {
        var time = new FakeTimeProvider(Start);
        var codec = Codec(time, jwt => jwt.AccessTokenLifetime = TimeSpan.FromMinutes(1));
        var token = codec.Create(DjoserJwtTokenType.Access, 1);

        Assert.Equal(Start.AddMinutes(1), token.ExpiresAt);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.False((await codec.ValidateAsync(token.Token, DjoserJwtTokenType.Access)).IsValid);
    }

    [Fact]
    public async Task WrongType_EitherWay_IsTokenHasWrongType()
    {
        var codec = Codec(new FakeTimeProvider(Start));

        Assert.Equal("Token has wrong type", (await codec.ValidateAsync(codec.Create(DjoserJwtTokenType.Refresh, 1).Token, DjoserJwtTokenType.Access)).Error);
        Assert.Equal("Token has wrong type", (await codec.ValidateAsync(codec.Create(DjoserJwtTokenType.Access, 1).Token, DjoserJwtTokenType.Refresh)).Error);
    }

    [Theory]
    [InlineData("exp", "Token has no 'exp' claim")]
    [InlineData("jti", "Token has no id")]
    [InlineData("token_type", "Token has no type")]
    public async Task MissingClaim_GivesSimplejwtsText(string claim, string error)
    {
        var claims = Claims(Start);
        claims.Remove(claim);

        var result = await Codec(new FakeTimeProvider(Start)).ValidateAsync(Sign(claims), DjoserJwtTokenType.Access);

        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task ForeignTokenWithSameSecretAndShape_IsValid_WithoutUserId()
    {
        var claims = Claims(Start);
        claims.Remove("user_id");

        var result = await Codec(new FakeTimeProvider(Start)).ValidateAsync(Sign(claims), DjoserJwtTokenType.Access);

        Assert.True(result.IsValid);
        Assert.Null(result.Token.UserId);
    }

    public static TheoryData<string> NotYetValidClaims => ["nbf", "iat"];

    [Theory]
    [MemberData(nameof(NotYetValidClaims))]
    public async Task NotYetValid_IsInvalid(string claim)
    {
        var claims = Claims(Start);
        claims[claim] = Start.AddMinutes(1).ToUnixTimeSeconds();

        var result = await Codec(new FakeTimeProvider(Start)).ValidateAsync(Sign(claims), DjoserJwtTokenType.Access);

        Assert.Equal("Token is invalid or expired", result.Error);
    }

    [Fact]
    public async Task Refused_Tampered_AlgNone_WrongKey_WrongAlgorithm_Garbage_Huge()
    {
        var codec = Codec(new FakeTimeProvider(Start));
        var good = codec.Create(DjoserJwtTokenType.Access, 1).Token;
        var parts = good.Split('.');
        var tamperedPayload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"user_id\":1", "\"user_id\":2", StringComparison.Ordinal)));
        var unsigned = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + parts[1] + ".";
        string[] refused =
        [
            parts[0] + "." + tamperedPayload + "." + parts[2],
            unsigned,
            Sign(Claims(Start), secret: "another-signing-key-that-is-long-enough-for-hs256"),
            Sign(Claims(Start), SecurityAlgorithms.HmacSha512, Secret + Secret),
            "garbage",
            "a.b.c",
            "",
            new string('x', 10_240),
            good + "x",
        ];

        foreach (var token in refused)
        {
            Assert.Equal("Token is invalid or expired", (await codec.ValidateAsync(token, DjoserJwtTokenType.Access)).Error);
        }

        Assert.NotEqual(tamperedPayload, parts[1]);
        Assert.True((await codec.ValidateAsync(good, DjoserJwtTokenType.Access)).IsValid);
    }

    [Fact]
    public async Task Hs512_WithItsOwnSecret_RoundTrips()
    {
        var codec = Codec(new FakeTimeProvider(Start), jwt => (jwt.Algorithm, jwt.SigningKey) = ("HS512", Secret + Secret));
        var token = codec.Create(DjoserJwtTokenType.Access, 1).Token;

        Assert.Equal("HS512", new JsonWebToken(token).Alg);
        Assert.True((await codec.ValidateAsync(token, DjoserJwtTokenType.Access)).IsValid);
        Assert.False((await Codec(new FakeTimeProvider(Start)).ValidateAsync(token, DjoserJwtTokenType.Access)).IsValid);
    }

    [Fact]
    public async Task IssuerAndAudience_WrittenAndRequiredWhenSet()
    {
        var time = new FakeTimeProvider(Start);
        var strict = Codec(time, jwt => (jwt.Issuer, jwt.Audience) = ("https://api.example.com", "spa"));
        var token = strict.Create(DjoserJwtTokenType.Access, 1).Token;

        Assert.Equal("https://api.example.com", Payload(token).GetProperty("iss").GetString());
        Assert.Equal("spa", Payload(token).GetProperty("aud").GetString());
        Assert.True((await strict.ValidateAsync(token, DjoserJwtTokenType.Access)).IsValid);
        Assert.False((await strict.ValidateAsync(Codec(time).Create(DjoserJwtTokenType.Access, 1).Token, DjoserJwtTokenType.Access)).IsValid);
        var otherAudience = Codec(time, jwt => (jwt.Issuer, jwt.Audience) = ("https://api.example.com", "other"));
        Assert.False((await otherAudience.ValidateAsync(token, DjoserJwtTokenType.Access)).IsValid);
    }

    [Fact]
    public async Task Rs256_FromPemFiles_RoundTrips_AndIsRefusedUnderHs256()
    {
        using var rsa = RSA.Create(2048);
        var time = new FakeTimeProvider(Start);
        var codec = Codec(time, jwt => (jwt.Algorithm, jwt.SigningKey, jwt.SigningKeyFile, jwt.VerifyingKeyFile) = ("RS256", null, PemFile(rsa), PemFile(rsa, publicOnly: true)));
        var token = codec.Create(DjoserJwtTokenType.Access, 1).Token;

        Assert.Equal("RS256", new JsonWebToken(token).Alg);
        Assert.True((await codec.ValidateAsync(token, DjoserJwtTokenType.Access)).IsValid);
        Assert.False((await Codec(time).ValidateAsync(token, DjoserJwtTokenType.Access)).IsValid);
        using var other = RSA.Create(2048);
        var otherKey = Codec(time, jwt => (jwt.Algorithm, jwt.SigningKeyFile) = ("RS256", PemFile(other)));
        Assert.False((await otherKey.ValidateAsync(token, DjoserJwtTokenType.Access)).IsValid);
    }

    [Fact]
    public async Task Es256_FromPemFile_RoundTrips()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var codec = Codec(new FakeTimeProvider(Start), jwt => (jwt.Algorithm, jwt.SigningKeyFile) = ("ES256", PemFile(ec)));
        var token = codec.Create(DjoserJwtTokenType.Refresh, 1).Token;

        Assert.Equal("ES256", new JsonWebToken(token).Alg);
        Assert.True((await codec.ValidateAsync(token, DjoserJwtTokenType.Refresh)).IsValid);
    }

    [Fact]
    public async Task Service_ResolvesFromDi_TokensNameTheUser_AndFindUserReadsIt()
    {
        using var host = new TestHost(settings: new() { ["Djoser:AuthenticationSchemes:0"] = "Jwt", ["Djoser:Jwt:SigningKey"] = Secret });
        var id = await host.CreateUserAsync();
        await using var scope = host.Scope();
        var tokens = scope.ServiceProvider.GetRequiredService<IDjoserJwtTokens<IdentityUser>>();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id);

        var access = tokens.CreateAccessToken(user!);
        var result = await tokens.ValidateAsync(access.Token, DjoserJwtTokenType.Access);

        Assert.Equal(id, Payload(access.Token).GetProperty("user_id").GetString());
        Assert.Equal(host.Time.GetUtcNow(), access.IssuedAt);
        Assert.Equal(id, result.Token?.UserId);
        Assert.Equal(id, (await tokens.FindUserAsync(id, default))?.Id);
        Assert.Null(await tokens.FindUserAsync(Guid.NewGuid().ToString(), default));
        host.Time.Advance(TimeSpan.FromSeconds(301));
        Assert.False((await tokens.ValidateAsync(access.Token, DjoserJwtTokenType.Access)).IsValid);
    }

    [Fact]
    public async Task DrfJwt_CarriesDrfJwtsClaims_AndDecodesBack()
    {
        var time = new FakeTimeProvider(Start);
        var codec = Codec(time, layout: DjoserUrlLayout.V1);
        var token = codec.CreateDrfJwt(7, "ann@example.com", "ann@example.com", origIat: null);

        var payload = Payload(token.Token);
        Assert.Equal(["user_id", "username", "exp", "orig_iat", "email"], payload.EnumerateObject().Select(p => p.Name));
        Assert.Equal(7, payload.GetProperty("user_id").GetInt32());
        Assert.Equal(300, payload.GetProperty("exp").GetInt64() - payload.GetProperty("orig_iat").GetInt64());
        var decoded = await codec.DecodeDrfJwtAsync(token.Token);
        Assert.Null(decoded.Error);
        Assert.Equal("ann@example.com", decoded.Username);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Start.ToUnixTimeSeconds()), decoded.OrigIat);
        // The 1.1 layout's authentication accepts drf-jwt's token, which has no token_type.
        Assert.Equal("7", (await codec.ValidateAsync(token.Token, DjoserJwtTokenType.Access)).Token?.UserId);
    }

    [Fact]
    public void DrfJwt_KeepsTheOrigIatItIsGiven()
    {
        var codec = Codec(new FakeTimeProvider(Start), layout: DjoserUrlLayout.V1);
        var orig = DateTimeOffset.FromUnixTimeSeconds(Start.ToUnixTimeSeconds() - 600);

        var token = codec.CreateDrfJwt("abc", "ann", null, orig);

        Assert.Equal(orig.ToUnixTimeSeconds(), Payload(token.Token).GetProperty("orig_iat").GetInt64());
        Assert.False(Payload(token.Token).TryGetProperty("email", out _));
    }

    [Fact]
    public async Task DrfJwt_ExpiredAndBadTokens_GiveDrfJwtsTexts()
    {
        var time = new FakeTimeProvider(Start);
        var codec = Codec(time, layout: DjoserUrlLayout.V1);
        var token = codec.CreateDrfJwt(7, "ann", null, null).Token;
        var otherKey = Codec(time, jwt => jwt.SigningKey = new string('z', 40), DjoserUrlLayout.V1).CreateDrfJwt(7, "ann", null, null).Token;

        Assert.Equal("Error decoding signature.", (await codec.DecodeDrfJwtAsync(otherKey)).Error);
        Assert.Equal("Error decoding signature.", (await codec.DecodeDrfJwtAsync("garbage")).Error);
        time.Advance(TimeSpan.FromSeconds(299));
        Assert.Null((await codec.DecodeDrfJwtAsync(token)).Error);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Signature has expired.", (await codec.DecodeDrfJwtAsync(token)).Error);
    }
}
