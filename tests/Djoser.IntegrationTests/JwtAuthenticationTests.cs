using System.Net;
using System.Text;
using Djoser.Authentication;
using Djoser.Sample;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Djoser.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Djoser.IntegrationTests;

/// <summary>
/// djoser 2.3's layout with simplejwt then DRF token authentication, as djoser's own test project has them, plus an
/// endpoint of the application's own at <c>/own/</c> behind the JWT scheme alone, on a clock the tests move forward.
/// </summary>
public sealed class JwtDjoserApp() : DjoserApp(new Dictionary<string, string?>
{
    ["Djoser:UrlLayout"] = "V2",
    ["Djoser:UsernameResetConfirmUrl"] = "#/username/reset/confirm/{uid}/{token}",
    ["Djoser:AuthenticationSchemes:0"] = "Jwt",
    ["Djoser:AuthenticationSchemes:1"] = "Token",
    ["Djoser:Jwt:SigningKey"] = JwtAuthenticationTests.Secret,
})
{
    /// <summary>The app's clock: now, until a test moves it on.</summary>
    public ForwardClock Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IStartupFilter, OwnEndpointFilter>();
        });
    }

    /// <summary>A clock that only moves forward, so tokens other tests mint stay consistent with it.</summary>
    public sealed class ForwardClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private sealed class OwnEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/own", own => own.Run(async context =>
            {
                var result = await context.AuthenticateAsync(DjoserJwtDefaults.AuthenticationScheme);
                if (!result.Succeeded)
                {
                    await context.ChallengeAsync(DjoserJwtDefaults.AuthenticationScheme);
                    return;
                }

                await context.Response.WriteAsync(result.Principal.Identity?.Name ?? string.Empty);
            }));
            next(app);
        };
    }
}

/// <summary>JWT on without a signing key.</summary>
public sealed class JwtWithoutKeyApp() : DjoserApp(new Dictionary<string, string?> { ["Djoser:AuthenticationSchemes:0"] = "Jwt" });

/// <summary>simplejwt's <c>JWTAuthentication</c> in front of djoser's endpoints (spec §1.4, §12).</summary>
public sealed class JwtAuthenticationTests(JwtDjoserApp app) : DjoserTestBase(app), IClassFixture<JwtDjoserApp>
{
    public const string Secret = "integration-tests-signing-key-of-more-than-256-bits";

    private const string Challenge = "JWT realm=\"api\"";

    protected override DjoserPaths Paths => DjoserPaths.V2;

    private JwtDjoserApp JwtApp => (JwtDjoserApp)App;

    private Task<DjoserResponse> MeAsync(string? authorization) =>
        Client.SendAsync(HttpMethod.Get, Paths.Me, null, null, authorization);

    private static string NotValid(string message) =>
        $$"""{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"{{message}}"}]}""";

    /// <summary>A fresh active user (registered, activated, logged in with a DRF token) and the service's tokens for it.</summary>
    private async Task<(AppUser User, string DrfToken, DjoserJwtToken Access, DjoserJwtToken Refresh)> JwtUserAsync()
    {
        var (email, drfToken) = await ActiveUserAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(email)
            ?? throw new Xunit.Sdk.XunitException($"No user {email}.");
        var tokens = scope.ServiceProvider.GetRequiredService<IDjoserJwtTokens<AppUser>>();
        return (user, drfToken, tokens.CreateAccessToken(user), tokens.CreateRefreshToken(user));
    }

    private static string Sign(Dictionary<string, object> claims, string secret = Secret, string algorithm = SecurityAlgorithms.HmacSha256) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), algorithm),
        });

    private static Dictionary<string, object> AccessClaims(string userId, DateTimeOffset issuedAt) => new()
    {
        ["token_type"] = "access",
        ["jti"] = Guid.NewGuid().ToString("N"),
        ["user_id"] = userId,
        ["iat"] = issuedAt.ToUnixTimeSeconds(),
        ["exp"] = issuedAt.AddMinutes(5).ToUnixTimeSeconds(),
    };

    [Theory]
    [InlineData("JWT")]
    [InlineData("Bearer")]
    public async Task Me_WithAccessToken_EitherHeaderType_ReturnsTheUser(string type)
    {
        var (user, _, access, _) = await JwtUserAsync();

        var response = await MeAsync($"{type} {access.Token}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(user.Email, response.Json!["email"]!.GetValue<string>());
        Assert.Equal(user.Id, response.Json!["id"]!.ToString());
    }

    [Fact]
    public async Task OpenApi_DescribesTheJwtScheme()
    {
        var document = await Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.Status);
        var jwt = document.Json!["components"]!["securitySchemes"]!["Jwt"]!;
        Assert.Equal("Authorization", jwt["name"]!.GetValue<string>());
        Assert.Equal("simplejwt: send \"JWT <access token>\" or \"Bearer <access token>\".", jwt["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_Anonymous_Returns401WithJwtChallenge()
    {
        var response = await MeAsync(null);

        response.Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        Assert.Equal(Challenge, response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("Bearer")]
    [InlineData("JWT a b")]
    [InlineData("JWT  a  b ")]
    public async Task NotTwoValues_Returns401BadAuthorizationHeader(string header)
    {
        var response = await MeAsync(header);

        response.Is(HttpStatusCode.Unauthorized, """{"detail":"Authorization header must contain two space-delimited values","code":"bad_authorization_header"}""");
        Assert.Equal(Challenge, response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task BadTokens_OfEveryKind_Return401InSimplejwtsShape()
    {
        var (user, drfToken, access, refresh) = await JwtUserAsync();
        var now = JwtApp.Time.GetUtcNow();
        var parts = access.Token.Split('.');
        var otherUserPayload = Base64UrlEncoder.Encode(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace(user.Id, Guid.NewGuid().ToString(), StringComparison.Ordinal));
        var expired = AccessClaims(user.Id, now.AddMinutes(-10));
        var notYetValid = AccessClaims(user.Id, now);
        notYetValid["nbf"] = now.AddMinutes(2).ToUnixTimeSeconds();
        var cases = new (string Name, string Token, string Message)[]
        {
            ("DRF token key", drfToken, "Token is invalid or expired"),
            ("refresh token", refresh.Token, "Token has wrong type"),
            ("garbage", "not-a-token", "Token is invalid or expired"),
            ("tampered", parts[0] + "." + otherUserPayload + "." + parts[2], "Token is invalid or expired"),
            ("alg none", Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + parts[1] + ".", "Token is invalid or expired"),
            ("wrong key", Sign(AccessClaims(user.Id, now), secret: "another-key-of-more-than-256-bits-for-hmac-sha256"), "Token is invalid or expired"),
            ("wrong algorithm", Sign(AccessClaims(user.Id, now), secret: Secret + Secret, algorithm: SecurityAlgorithms.HmacSha512), "Token is invalid or expired"),
            ("expired", Sign(expired), "Token is invalid or expired"),
            ("not yet valid", Sign(notYetValid), "Token is invalid or expired"),
            ("10 KB", new string('a', 10_240), "Token is invalid or expired"),
        };

        Assert.NotEqual(parts[1], otherUserPayload);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync("JWT " + Sign(AccessClaims(user.Id, now)))).Status);
        foreach (var (name, token, message) in cases)
        {
            var response = await MeAsync("JWT " + token);
            Assert.True(response.Status == HttpStatusCode.Unauthorized, $"{name}: {(int)response.Status} {response.Body}");
            response.Is(HttpStatusCode.Unauthorized, NotValid(message));
            Assert.Equal(Challenge, response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task AccessToken_AliveAt4m59_DeadAt5m01_OnTheAppsClock()
    {
        var (_, _, access, refresh) = await JwtUserAsync();

        JwtApp.Time.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(HttpStatusCode.OK, (await MeAsync("JWT " + access.Token)).Status);
        JwtApp.Time.Advance(TimeSpan.FromSeconds(2));
        (await MeAsync("JWT " + access.Token)).Is(HttpStatusCode.Unauthorized, NotValid("Token is invalid or expired"));

        // The refresh token of the same login lives on (a day), and is still refused as an access token.
        await using var scope = App.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<IDjoserJwtTokens<AppUser>>().ValidateAsync(refresh.Token, DjoserJwtTokenType.Refresh)).IsValid);
    }

    [Fact]
    public async Task BadToken_OnAnOpenEndpoint_Returns401()
    {
        var response = await Client.SendRawAsync(HttpMethod.Post, Paths.Register, "{}", "application/json", "JWT not-a-token");

        response.Is(HttpStatusCode.Unauthorized, NotValid("Token is invalid or expired"));
        Assert.Equal(Challenge, response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task TokenWithoutUserId_Returns401NoRecognizableUser()
    {
        var claims = AccessClaims("x", JwtApp.Time.GetUtcNow());
        claims.Remove("user_id");

        (await MeAsync("JWT " + Sign(claims))).Is(HttpStatusCode.Unauthorized,
            """{"detail":"Token contained no recognizable user identification","code":"token_not_valid"}""");
    }

    [Fact]
    public async Task DeletedUser_AccessTokenFailsAtOnce_UserNotFound()
    {
        var (user, _, access, _) = await JwtUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await MeAsync("JWT " + access.Token)).Status);

        (await Client.SendAsync(HttpMethod.Delete, Paths.Me, new StringContent($$"""{"current_password":"{{Password}}"}""", Encoding.UTF8, "application/json"), null, "JWT " + access.Token))
            .IsEmpty(HttpStatusCode.NoContent);

        var response = await MeAsync("JWT " + access.Token);
        response.Is(HttpStatusCode.Unauthorized, """{"detail":"User not found","code":"user_not_found"}""");
        Assert.Equal(Challenge, response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task DeactivatedUser_AccessTokenFailsAtOnce_UserInactive()
    {
        var (user, _, access, _) = await JwtUserAsync();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var tracked = await users.FindByIdAsync(user.Id);
            tracked!.EmailConfirmed = false;
            Assert.True((await users.UpdateAsync(tracked)).Succeeded);
        }

        (await MeAsync("JWT " + access.Token)).Is(HttpStatusCode.Unauthorized, """{"detail":"User is inactive","code":"user_inactive"}""");
    }

    [Fact]
    public async Task DrfToken_StillWorksAfterJwt_AndItsFailuresCarryTheJwtChallenge()
    {
        var (user, drfToken, _, _) = await JwtUserAsync();

        var ok = await Client.GetAsync(Paths.Me, drfToken);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(user.Email, ok.Json!["email"]!.GetValue<string>());

        var invalid = await Client.GetAsync(Paths.Me, "0123456789abcdef0123456789abcdef01234567");
        invalid.Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");
        Assert.Equal(Challenge, invalid.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task HeaderTypeMatchIsExact_LowerCaseJwtIsLeftToOtherSchemes()
    {
        var (_, _, access, _) = await JwtUserAsync();

        (await MeAsync("jwt " + access.Token)).Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
    }

    [Fact]
    public async Task OwnEndpoint_BehindTheJwtScheme_AuthenticatesAndChallengesInSimplejwtsShape()
    {
        var (user, _, access, refresh) = await JwtUserAsync();

        var ok = await Client.SendAsync(HttpMethod.Get, "/own/", null, null, "Bearer " + access.Token);
        Assert.Equal((HttpStatusCode.OK, user.UserName), (ok.Status, ok.Body));

        var wrongType = await Client.SendAsync(HttpMethod.Get, "/own/", null, null, "Bearer " + refresh.Token);
        wrongType.Is(HttpStatusCode.Unauthorized, NotValid("Token has wrong type"));
        Assert.Equal(Challenge, wrongType.Headers.WwwAuthenticate.ToString());

        var anonymous = await Client.SendAsync(HttpMethod.Get, "/own/", null, null);
        anonymous.Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        Assert.Equal(Challenge, anonymous.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public void Start_JwtWithoutSigningKey_FailsNamingTheKey()
    {
        using var misconfigured = new JwtWithoutKeyApp();
        var exception = Assert.Throws<OptionsValidationException>(() => misconfigured.CreateClient());
        Assert.Contains("Djoser:Jwt:SigningKey is required for JWT authentication with HS256", exception.Message, StringComparison.Ordinal);
    }
}
