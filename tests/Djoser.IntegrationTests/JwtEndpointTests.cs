using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests;

/// <summary>An app with JWT (then Token) authentication on the forward clock, with extra settings.</summary>
public abstract class JwtClockApp(IDictionary<string, string?> settings) : DjoserApp(new Dictionary<string, string?>(settings)
{
    ["Djoser:UsernameResetConfirmUrl"] = "#/username/reset/confirm/{uid}/{token}",
    ["Djoser:AuthenticationSchemes:0"] = "Jwt",
    ["Djoser:AuthenticationSchemes:1"] = "Token",
    ["Djoser:Jwt:SigningKey"] = JwtAuthenticationTests.Secret,
})
{
    /// <summary>The app's clock: now, until a test moves it on.</summary>
    public JwtDjoserApp.ForwardClock Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}

/// <summary>djoser 2.3 with simplejwt's defaults: no rotation, no logout endpoint.</summary>
public sealed class JwtV2App() : JwtClockApp(new Dictionary<string, string?> { ["Djoser:UrlLayout"] = "V2" });

/// <summary>djoser 2.3 with rotation, blacklist after rotation, the opt-in logout and <c>LogoutOnPasswordChange</c>.</summary>
public sealed class JwtRotatingApp() : JwtClockApp(new Dictionary<string, string?>
{
    ["Djoser:UrlLayout"] = "V2",
    ["Djoser:Jwt:RotateRefreshTokens"] = "true",
    ["Djoser:Jwt:BlacklistAfterRotation"] = "true",
    ["Djoser:Jwt:LogoutEndpoint"] = "true",
    ["Djoser:LogoutOnPasswordChange"] = "true",
});

/// <summary>djoser 1.1 beside djangorestframework-jwt.</summary>
public sealed class JwtV1App() : JwtClockApp(new Dictionary<string, string?>
{
    ["Djoser:UrlLayout"] = "V1",
    ["Djoser:Jwt:RefreshTokenLifetime"] = "00:10:00",
});

/// <summary>Shared steps of the JWT tests.</summary>
public abstract class JwtEndpointTestBase(JwtClockApp app) : DjoserTestBase(app)
{
    protected const string Challenge = "JWT realm=\"api\"";

    protected JwtDjoserApp.ForwardClock Time => ((JwtClockApp)App).Time;

    protected Task<DjoserResponse> PostAsync(string path, object body, string? authorization = null) =>
        Client.SendAsync(HttpMethod.Post, path, JsonContent(body), null, authorization);

    protected static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    protected static string Field(DjoserResponse response, string name) =>
        response.Json![name]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"No '{name}' in {response.Body}");

    protected static JsonObject Payload(string token) =>
        JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!.AsObject();

    protected static void HasChallenge(DjoserResponse response) =>
        Assert.Equal(Challenge, response.Headers.WwwAuthenticate.ToString());

    protected async Task<string> ActiveEmailAsync() => (await ActiveUserAsync()).Email;

    /// <summary>Django's <c>is_active = False</c>: Identity's <c>EmailConfirmed</c> off.</summary>
    protected async Task DeactivateAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Djoser.Sample.AppUser>>();
        var user = await users.FindByNameAsync(email) ?? throw new Xunit.Sdk.XunitException($"No user {email}.");
        user.EmailConfirmed = false;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    /// <summary>A token signed with the app's key and the given claims, e.g. one another drf-jwt configuration wrote.</summary>
    protected static string Sign(Dictionary<string, object> claims) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtAuthenticationTests.Secret)), SecurityAlgorithms.HmacSha256),
        });
}

/// <summary>simplejwt's views in djoser 2.3's layout (spec §3.1, §3.2 "JWT", §12).</summary>
public sealed class JwtV2EndpointTests(JwtV2App app) : JwtEndpointTestBase(app), IClassFixture<JwtV2App>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    private async Task<(string Email, string Refresh, string Access)> PairAsync()
    {
        var email = await ActiveEmailAsync();
        var created = await PostAsync("/auth/jwt/create/", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (email, Field(created, "refresh"), Field(created, "access"));
    }

    [Fact]
    public async Task Create_AnswersRefreshThenAccess_SimplejwtClaims_AndTheAccessReadsMe()
    {
        var email = await ActiveEmailAsync();

        var created = await PostAsync("/auth/jwt/create/", new { email, password = Password });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(["refresh", "access"], created.Json!.AsObject().Select(p => p.Key));
        var refresh = Payload(Field(created, "refresh"));
        var access = Payload(Field(created, "access"));
        Assert.Equal("refresh", refresh["token_type"]!.GetValue<string>());
        Assert.Equal("access", access["token_type"]!.GetValue<string>());
        Assert.Equal(86400, refresh["exp"]!.GetValue<long>() - refresh["iat"]!.GetValue<long>());
        Assert.Equal(300, access["exp"]!.GetValue<long>() - access["iat"]!.GetValue<long>());
        Assert.NotEqual(refresh["jti"]!.GetValue<string>(), access["jti"]!.GetValue<string>());
        var me = await Client.SendAsync(HttpMethod.Get, "/auth/users/me/", null, null, "JWT " + Field(created, "access"));
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(email, me.Json!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_BadCredentialsUnknownOrInactive_Is401NoActiveAccount_WithTheJwtChallenge()
    {
        var email = await ActiveEmailAsync();
        var inactive = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(inactive)).Status);

        foreach (var body in new object[] { new { email, password = "wrong-Horse-1" }, new { email = NewEmail(), password = Password }, new { email = inactive, password = Password } })
        {
            var response = await PostAsync("/auth/jwt/create/", body);
            response.Is(HttpStatusCode.Unauthorized, """{"detail":"No active account found with the given credentials"}""");
            HasChallenge(response);
        }
    }

    [Fact]
    public async Task Create_MissingOrBlankFields_AreFieldErrors()
    {
        (await PostAsync("/auth/jwt/create/", new { }))
            .Is(HttpStatusCode.BadRequest, """{"email":["This field is required."],"password":["This field is required."]}""");
        (await PostAsync("/auth/jwt/create/", new { email = " ", password = "" }))
            .Is(HttpStatusCode.BadRequest, """{"email":["This field may not be blank."],"password":["This field may not be blank."]}""");
    }

    [Fact]
    public async Task Refresh_AnswersANewAccessOnly_WithoutRotation()
    {
        var (_, refresh, _) = await PairAsync();
        Time.Advance(TimeSpan.FromSeconds(1));

        var refreshed = await PostAsync("/auth/jwt/refresh/", new { refresh });

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.Equal(["access"], refreshed.Json!.AsObject().Select(p => p.Key));
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, "/auth/users/me/", null, null, "Bearer " + Field(refreshed, "access"))).Status);
        // Without rotation the refresh token stays usable.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/auth/jwt/refresh/", new { refresh })).Status);
    }

    [Fact]
    public async Task Refresh_Failures_AreSimplejwtsShapes()
    {
        var (_, refresh, access) = await PairAsync();

        (await PostAsync("/auth/jwt/refresh/", new { })).Is(HttpStatusCode.BadRequest, """{"refresh":["This field is required."]}""");
        (await PostAsync("/auth/jwt/refresh/", new { refresh = "" })).Is(HttpStatusCode.BadRequest, """{"refresh":["This field may not be blank."]}""");
        var wrongType = await PostAsync("/auth/jwt/refresh/", new { refresh = access });
        wrongType.Is(HttpStatusCode.Unauthorized, """{"detail":"Token has wrong type","code":"token_not_valid"}""");
        HasChallenge(wrongType);
        (await PostAsync("/auth/jwt/refresh/", new { refresh = "garbage" }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Token is invalid or expired","code":"token_not_valid"}""");
        (await PostAsync("/auth/jwt/refresh/", new { refresh = refresh[..^2] + (refresh[^2] == 'A' ? "BB" : "AA") }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Token is invalid or expired","code":"token_not_valid"}""");
        (await PostAsync("/auth/jwt/refresh/", new { refresh = new string('a', 10_000) }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Token is invalid or expired","code":"token_not_valid"}""");
    }

    [Fact]
    public async Task Refresh_ExpiredAfterADay()
    {
        var (_, refresh, _) = await PairAsync();

        Time.Advance(TimeSpan.FromDays(1));

        (await PostAsync("/auth/jwt/refresh/", new { refresh }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Token is invalid or expired","code":"token_not_valid"}""");
    }

    [Fact]
    public async Task Refresh_OfADeletedUser_IsNoActiveAccount()
    {
        var (email, refresh, access) = await PairAsync();
        (await Client.SendAsync(HttpMethod.Delete, "/auth/users/me/", JsonContent(new { current_password = Password }), null, "JWT " + access)).IsEmpty(HttpStatusCode.NoContent);

        (await PostAsync("/auth/jwt/refresh/", new { refresh }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"No active account found for the given token.","code":"no_active_account"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/auth/jwt/create/", new { email, password = Password })).Status);
    }

    [Fact]
    public async Task Verify_EitherType_IsAnEmptyObject_AndBadTokensAre401()
    {
        var (_, refresh, access) = await PairAsync();

        (await PostAsync("/auth/jwt/verify/", new { token = access })).Is(HttpStatusCode.OK, "{}");
        (await PostAsync("/auth/jwt/verify/", new { token = refresh })).Is(HttpStatusCode.OK, "{}");
        (await PostAsync("/auth/jwt/verify/", new { })).Is(HttpStatusCode.BadRequest, """{"token":["This field is required."]}""");
        var garbage = await PostAsync("/auth/jwt/verify/", new { token = "a.b.c" });
        garbage.Is(HttpStatusCode.Unauthorized, """{"detail":"Token is invalid or expired","code":"token_not_valid"}""");
        HasChallenge(garbage);
        Time.Advance(TimeSpan.FromMinutes(5));
        (await PostAsync("/auth/jwt/verify/", new { token = access }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Token is invalid or expired","code":"token_not_valid"}""");
    }

    [Fact]
    public async Task Verify_RefusesAlgNoneAndAnotherKey()
    {
        var (_, _, access) = await PairAsync();
        var claims = Payload(access);
        var unsigned = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + access.Split('.')[1] + ".";
        var otherKey = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(claims.ToJsonString(),
            new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 40))), SecurityAlgorithms.HmacSha256));

        foreach (var token in new[] { unsigned, otherKey })
        {
            (await PostAsync("/auth/jwt/verify/", new { token }))
                .Is(HttpStatusCode.Unauthorized, """{"detail":"Token is invalid or expired","code":"token_not_valid"}""");
        }
    }

    [Fact]
    public async Task JwtViews_IgnoreABadAuthorizationHeader()
    {
        var email = await ActiveEmailAsync();

        var created = await PostAsync("/auth/jwt/create/", new { email, password = Password }, "JWT not-a-token");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        (await PostAsync("/auth/jwt/verify/", new { token = Field(created, "access") }, "Token nonsense")).Is(HttpStatusCode.OK, "{}");
    }

    [Theory]
    [InlineData("/auth/jwt/create")]
    [InlineData("/auth/jwt/create/")]
    [InlineData("/auth/jwt/create/extra")]
    [InlineData("/auth/jwt/create/extra/more/")]
    [InlineData("/auth/jwt/createx")]
    public async Task Create_IsUnanchoredAtTheEnd_AsDjosersPattern(string path)
    {
        var email = await ActiveEmailAsync();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(path, new { email, password = Password })).Status);
    }

    [Fact]
    public async Task OtherMethods_Are405_AndLogoutIsNotMountedByDefault()
    {
        var get = await Client.GetAsync("/auth/jwt/create/");
        get.Is(HttpStatusCode.MethodNotAllowed, """{"detail":"Method \"GET\" not allowed."}""");
        (await Client.GetAsync("/auth/jwt/verify/extra")).Is(HttpStatusCode.MethodNotAllowed, """{"detail":"Method \"GET\" not allowed."}""");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("/auth/jwtx/create/", new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("/auth/jwt/logout/", new { refresh = "x" })).Status);
    }

    [Fact]
    public async Task PasswordReset_RevokesEarlierRefreshTokens_ButNotLaterOnes()
    {
        var (email, refresh, _) = await PairAsync();
        Time.Advance(TimeSpan.FromSeconds(1));
        (await Client.PostJsonAsync("/auth/users/reset_password/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        var (uid, token) = LinkIn(email, "password/reset/confirm");
        (await Client.PostJsonAsync("/auth/users/reset_password_confirm/", new { uid, token, new_password = "another-Horse-43" })).IsEmpty(HttpStatusCode.NoContent);

        (await PostAsync("/auth/jwt/refresh/", new { refresh }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Token is blacklisted","code":"token_not_valid"}""");
        (await PostAsync("/auth/jwt/verify/", new { token = refresh }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Token is blacklisted"]}""");
        var again = await PostAsync("/auth/jwt/create/", new { email, password = "another-Horse-43" });
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/auth/jwt/refresh/", new { refresh = Field(again, "refresh") })).Status);
    }

    [Fact]
    public async Task PasswordChange_WithoutLogoutOnPasswordChange_KeepsRefreshTokens()
    {
        var (_, refresh, access) = await PairAsync();
        Time.Advance(TimeSpan.FromSeconds(1));

        (await Client.SendAsync(HttpMethod.Post, "/auth/users/set_password/", JsonContent(new { new_password = "another-Horse-43", current_password = Password }), null, "JWT " + access))
            .IsEmpty(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/auth/jwt/refresh/", new { refresh })).Status);
    }
}

/// <summary>simplejwt with rotation, blacklist after rotation, the opt-in logout and <c>LogoutOnPasswordChange</c>.</summary>
public sealed class JwtRotationTests(JwtRotatingApp app) : JwtEndpointTestBase(app), IClassFixture<JwtRotatingApp>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    private async Task<(string Refresh, string Access)> PairAsync(string email, string password = Password)
    {
        var created = await PostAsync("/auth/jwt/create/", new { email, password });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (Field(created, "refresh"), Field(created, "access"));
    }

    [Fact]
    public async Task Refresh_Rotates_AndTheTokenGivenUpIsBlacklisted()
    {
        var (refresh, _) = await PairAsync(await ActiveEmailAsync());

        var first = await PostAsync("/auth/jwt/refresh/", new { refresh });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(["access", "refresh"], first.Json!.AsObject().Select(p => p.Key));
        var rotated = Field(first, "refresh");
        Assert.NotEqual(Payload(refresh)["jti"]!.GetValue<string>(), Payload(rotated)["jti"]!.GetValue<string>());
        (await PostAsync("/auth/jwt/refresh/", new { refresh }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Token is blacklisted","code":"token_not_valid"}""");
        (await PostAsync("/auth/jwt/verify/", new { token = refresh }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Token is blacklisted"]}""");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/auth/jwt/refresh/", new { refresh = rotated })).Status);
    }

    [Fact]
    public async Task ConcurrentRefreshes_OfOneToken_OnlyOneRotates()
    {
        var (refresh, _) = await PairAsync(await ActiveEmailAsync());

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync("/auth/jwt/refresh/", new { refresh })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK),
            a => a.Is(HttpStatusCode.Unauthorized, """{"detail":"Token is blacklisted","code":"token_not_valid"}"""));
    }

    [Fact]
    public async Task Logout_BlacklistsTheRefreshToken_OnceOnly()
    {
        var (refresh, access) = await PairAsync(await ActiveEmailAsync());

        (await PostAsync("/auth/jwt/logout/", new { refresh })).Is(HttpStatusCode.OK, "{}");

        (await PostAsync("/auth/jwt/refresh/", new { refresh }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Token is blacklisted","code":"token_not_valid"}""");
        (await PostAsync("/auth/jwt/logout/", new { refresh }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Token is blacklisted","code":"token_not_valid"}""");
        (await PostAsync("/auth/jwt/logout/", new { refresh = access }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Token has wrong type","code":"token_not_valid"}""");
        (await PostAsync("/auth/jwt/logout/", new { })).Is(HttpStatusCode.BadRequest, """{"refresh":["This field is required."]}""");
    }

    [Fact]
    public async Task Blacklisting_PrunesTheRowsOfExpiredTokens()
    {
        var email = await ActiveEmailAsync();
        var (old, _) = await PairAsync(email);
        (await PostAsync("/auth/jwt/logout/", new { refresh = old })).Is(HttpStatusCode.OK, "{}");
        Assert.True(await IsBlacklistedAsync(old));

        Time.Advance(TimeSpan.FromDays(1));
        var (fresh, _) = await PairAsync(email);
        (await PostAsync("/auth/jwt/logout/", new { refresh = fresh })).Is(HttpStatusCode.OK, "{}");

        Assert.False(await IsBlacklistedAsync(old));
        Assert.True(await IsBlacklistedAsync(fresh));
    }

    private async Task<bool> IsBlacklistedAsync(string refresh)
    {
        var jti = Payload(refresh)["jti"]!.GetValue<string>();
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Djoser.Sample.AppDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.Set<Djoser.Data.DjoserJwtBlacklistEntry>(), e => e.Jti == jti);
    }

    [Fact]
    public async Task PasswordChange_WithLogoutOnPasswordChange_RevokesEveryEarlierRefreshToken()
    {
        var email = await ActiveEmailAsync();
        var (phone, _) = await PairAsync(email);
        var (laptop, access) = await PairAsync(email);
        Time.Advance(TimeSpan.FromSeconds(1));

        (await Client.SendAsync(HttpMethod.Post, "/auth/users/set_password/", JsonContent(new { new_password = "another-Horse-43", current_password = Password }), null, "JWT " + access))
            .IsEmpty(HttpStatusCode.NoContent);

        foreach (var refresh in new[] { phone, laptop })
        {
            (await PostAsync("/auth/jwt/refresh/", new { refresh }))
                .Is(HttpStatusCode.Unauthorized, """{"detail":"Token is blacklisted","code":"token_not_valid"}""");
        }

        var (fresh, _) = await PairAsync(email, "another-Horse-43");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/auth/jwt/refresh/", new { refresh = fresh })).Status);
    }
}

/// <summary>djangorestframework-jwt 1.11's views in djoser 1.1's layout (spec §2.1, §2.2 "JWT").</summary>
public sealed class JwtV1EndpointTests(JwtV1App app) : JwtEndpointTestBase(app), IClassFixture<JwtV1App>
{
    private async Task<(string Email, string Token)> TokenAsync()
    {
        var email = await ActiveEmailAsync();
        var created = await PostAsync("/auth/jwt/create/", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (email, Field(created, "token"));
    }

    [Fact]
    public async Task Create_AnswersOneToken_WithDrfJwtsClaims_AndItReadsMe()
    {
        var (email, token) = await TokenAsync();

        var payload = Payload(token);
        Assert.Equal(["email", "exp", "orig_iat", "user_id", "username"], payload.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(email, payload["username"]!.GetValue<string>());
        Assert.Equal(email, payload["email"]!.GetValue<string>());
        Assert.Equal(300, payload["exp"]!.GetValue<long>() - payload["orig_iat"]!.GetValue<long>());
        var me = await Client.SendAsync(HttpMethod.Get, "/auth/me/", null, null, "JWT " + token);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(email, me.Json!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_Failures_AreNonFieldAndFieldErrors()
    {
        var email = await ActiveEmailAsync();

        (await PostAsync("/auth/jwt/create/", new { email, password = "wrong-Horse-1" }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to log in with provided credentials."]}""");
        (await PostAsync("/auth/jwt/create/", new { }))
            .Is(HttpStatusCode.BadRequest, """{"email":["This field is required."],"password":["This field is required."]}""");
    }

    [Fact]
    public async Task Verify_AnswersTheSameToken_AndDrfJwtsErrors()
    {
        var (_, token) = await TokenAsync();

        (await PostAsync("/auth/jwt/verify/", new { token })).Is(HttpStatusCode.OK, $$"""{"token":"{{token}}"}""");
        (await PostAsync("/auth/jwt/verify/", new { token = "garbage" }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Error decoding signature."]}""");
        (await PostAsync("/auth/jwt/verify/", new { })).Is(HttpStatusCode.BadRequest, """{"token":["This field is required."]}""");
        Time.Advance(TimeSpan.FromMinutes(5));
        (await PostAsync("/auth/jwt/verify/", new { token }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Signature has expired."]}""");
    }

    [Fact]
    public async Task Refresh_KeepsOrigIat_UntilTheRefreshWindowCloses()
    {
        // The fixture's window (Djoser:Jwt:RefreshTokenLifetime) is 10 minutes; each token lives 5.
        var (_, token) = await TokenAsync();
        var origIat = Payload(token)["orig_iat"]!.GetValue<long>();
        var current = token;
        for (var minutes = 4; minutes <= 8; minutes += 4)
        {
            Time.Advance(TimeSpan.FromMinutes(4));
            var refreshed = await PostAsync("/auth/jwt/refresh/", new { token = current });
            Assert.Equal(HttpStatusCode.OK, refreshed.Status);
            current = Field(refreshed, "token");
            Assert.Equal(origIat, Payload(current)["orig_iat"]!.GetValue<long>());
            Assert.Equal(300, Payload(current)["exp"]!.GetValue<long>() - Time.GetUtcNow().ToUnixTimeSeconds());
        }

        Time.Advance(TimeSpan.FromMinutes(4));
        (await PostAsync("/auth/jwt/refresh/", new { token = current }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Refresh has expired."]}""");
        // Verify does not look at the window.
        (await PostAsync("/auth/jwt/verify/", new { token = current })).Is(HttpStatusCode.OK, $$"""{"token":"{{current}}"}""");
    }

    [Fact]
    public async Task PasswordReset_ClosesTheRefreshWindowOfEarlierTokens()
    {
        var (email, token) = await TokenAsync();
        Time.Advance(TimeSpan.FromSeconds(1));
        (await Client.PostJsonAsync("/auth/password/reset/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        var (uid, resetToken) = LinkIn(email, "password/reset/confirm");
        (await Client.PostJsonAsync("/auth/password/reset/confirm/", new { uid, token = resetToken, new_password = "another-Horse-43" })).IsEmpty(HttpStatusCode.NoContent);

        (await PostAsync("/auth/jwt/refresh/", new { token }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Refresh has expired."]}""");
        var again = await PostAsync("/auth/jwt/create/", new { email, password = "another-Horse-43" });
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/auth/jwt/refresh/", new { token = Field(again, "token") })).Status);
    }

    [Fact]
    public async Task Refresh_OfAnExpiredToken_IsSignatureHasExpired()
    {
        var (_, token) = await TokenAsync();

        Time.Advance(TimeSpan.FromMinutes(5));

        (await PostAsync("/auth/jwt/refresh/", new { token }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Signature has expired."]}""");
    }

    [Fact]
    public async Task Refresh_OfADeletedUser_IsUserDoesNotExist()
    {
        var (_, token) = await TokenAsync();
        (await Client.SendAsync(HttpMethod.Post, "/auth/users/delete/", JsonContent(new { current_password = Password }), null, "JWT " + token)).IsEmpty(HttpStatusCode.NoContent);

        (await PostAsync("/auth/jwt/refresh/", new { token }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["User doesn't exist."]}""");
    }

    [Fact]
    public async Task VerifyAndRefresh_OfADeactivatedUser_AreAccountDisabled()
    {
        var (email, token) = await TokenAsync();
        await DeactivateAsync(email);

        (await PostAsync("/auth/jwt/verify/", new { token })).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["User account is disabled."]}""");
        (await PostAsync("/auth/jwt/refresh/", new { token })).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["User account is disabled."]}""");
        (await PostAsync("/auth/jwt/create/", new { email, password = Password }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to log in with provided credentials."]}""");
    }

    [Fact]
    public async Task PayloadWithoutUsernameOrOrigIat_GivesDrfJwtsTexts()
    {
        var email = await ActiveEmailAsync();
        var exp = Time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds();
        var noUsername = Sign(new() { ["user_id"] = "1", ["exp"] = exp });
        var noOrigIat = Sign(new() { ["user_id"] = "1", ["username"] = email, ["exp"] = exp });
        var nobody = Sign(new() { ["user_id"] = "1", ["username"] = NewEmail(), ["exp"] = exp });

        (await PostAsync("/auth/jwt/verify/", new { token = noUsername })).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid payload."]}""");
        (await PostAsync("/auth/jwt/verify/", new { token = noOrigIat })).Is(HttpStatusCode.OK, $$"""{"token":"{{noOrigIat}}"}""");
        (await PostAsync("/auth/jwt/refresh/", new { token = noOrigIat })).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["orig_iat field is required."]}""");
        (await PostAsync("/auth/jwt/verify/", new { token = nobody })).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["User doesn't exist."]}""");
    }

    [Fact]
    public async Task Root_ListsTheJwtUrls()
    {
        var root = await Client.GetAsync("/auth/");

        Assert.Equal("http://localhost/auth/jwt/create/", root.Json!["jwt-create"]!.GetValue<string>());
        Assert.Equal("http://localhost/auth/jwt/verify/", root.Json!["jwt-verify"]!.GetValue<string>());
    }
}

/// <summary>Without <c>Jwt</c> in <c>Djoser:AuthenticationSchemes</c> djoser.urls.jwt is not mounted (the default sample).</summary>
public sealed class JwtOffTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Theory]
    [InlineData("/auth/jwt/create/")]
    [InlineData("/auth/jwt/refresh/")]
    [InlineData("/auth/jwt/verify/")]
    public async Task JwtUrls_Are404_AndTheRootDoesNotListThem(string path)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostJsonAsync(path, new { token = "x" })).Status);
        Assert.False((await Client.GetAsync("/auth/")).Json!.AsObject().ContainsKey("jwt-create"));
    }
}

/// <summary>The route tables and OpenAPI documents of both eras with JWT on (the opt-in logout too in 2.x).</summary>
public sealed class JwtSnapshotTests(JwtV1App v1, JwtRotatingApp v2) : IClassFixture<JwtV1App>, IClassFixture<JwtRotatingApp>
{
    [Fact]
    public void V1_RouteTable_WithJwt_MatchesSnapshot()
    {
        v1.CreateClient().Dispose();
        RouteTableTests.Verify("V1-Jwt", v1.Services);
    }

    [Fact]
    public void V2_RouteTable_WithJwtAndLogout_MatchesSnapshot()
    {
        v2.CreateClient().Dispose();
        RouteTableTests.Verify("V2-Jwt", v2.Services);
    }

    [Theory]
    [InlineData("V1-Jwt")]
    [InlineData("V2-Jwt")]
    public async Task OpenApi_WithJwt_MatchesSnapshot(string name)
    {
        using var client = (name == "V1-Jwt" ? (DjoserApp)v1 : v2).CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = (await response.Content.ReadAsStringAsync()).ReplaceLineEndings("\n");

        SnapshotFile.Verify(Path.Combine(Directory(), "OpenApi"), name, "json", json, $"The {name} OpenAPI document");
    }

    [Fact]
    public async Task OpenApi_V2_DescribesSimplejwtsBodies()
    {
        using var client = v2.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;

        Assert.Equal(["refresh", "access"], schemas["DjoserJwtPairResponse"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["refresh"], schemas["DjoserJwtRefreshRequest"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.NotNull(document["paths"]!["/auth/jwt/logout/"]!["post"]);
    }

    private static string Directory([System.Runtime.CompilerServices.CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;
}
