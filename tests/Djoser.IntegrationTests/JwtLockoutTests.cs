using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>djoser 2.3 with simplejwt, the per-username login rate on (the per-address one out of reach) and lockout at its defaults.</summary>
public sealed class JwtV2LockoutApp() : JwtClockApp(new Dictionary<string, string?>
{
    ["Djoser:UrlLayout"] = "V2",
    ["Djoser:Throttling:Enabled"] = "true",
    ["Djoser:Throttling:Login:Rate"] = "1000/min",
    ["Djoser:Throttling:Register:Rate"] = "1000/min",
});

/// <summary>djoser 1.1 with drf-jwt and <c>Djoser:Lockout:ShowLockedOut</c>.</summary>
public sealed class JwtV1LockoutApp() : JwtClockApp(new Dictionary<string, string?>
{
    ["Djoser:UrlLayout"] = "V1",
    ["Djoser:Lockout:ShowLockedOut"] = "true",
});

/// <summary>simplejwt's login behind the lockout and the per-username throttle (issue 11).</summary>
public sealed class JwtV2LockoutTests(JwtV2LockoutApp app) : JwtEndpointTestBase(app), IClassFixture<JwtV2LockoutApp>
{
    private const string NoActiveAccount = """{"detail":"No active account found with the given credentials"}""";

    protected override DjoserPaths Paths => DjoserPaths.V2;

    [Fact]
    public async Task JwtCreate_FifthWrongPassword_LocksOut_TheRightOneAnswersThe401_UntilTheDurationPasses()
    {
        var email = await ActiveEmailAsync();
        // Its token login counted against the username too: start from a fresh minute.
        Time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 5; i++)
        {
            (await PostAsync("/auth/jwt/create/", new { email, password = "wrong-password" })).Is(HttpStatusCode.Unauthorized, NoActiveAccount);
        }

        Time.Advance(TimeSpan.FromMinutes(1));
        (await PostAsync("/auth/jwt/create/", new { email, password = Password })).Is(HttpStatusCode.Unauthorized, NoActiveAccount);

        Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/auth/jwt/create/", new { email, password = Password })).Status);
    }

    [Fact]
    public async Task JwtCreate_SixthForOneUsernameInAMinute_Returns429()
    {
        var email = NewEmail();
        for (var i = 0; i < 5; i++)
        {
            (await PostAsync("/auth/jwt/create/", new { email, password = "wrong-password" })).Is(HttpStatusCode.Unauthorized, NoActiveAccount);
        }

        var throttled = await PostAsync("/auth/jwt/create/", new { email, password = "wrong-password" });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.StartsWith("Request was throttled. Expected available in ", throttled.Json!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/auth/jwt/create/", new { email = NewEmail(), password = "wrong-password" })).Status);
    }
}

/// <summary>drf-jwt's login behind the lockout, with the opt-in locked-out text.</summary>
public sealed class JwtV1LockoutTests(JwtV1LockoutApp app) : JwtEndpointTestBase(app), IClassFixture<JwtV1LockoutApp>
{
    [Fact]
    public async Task JwtCreate_LockedOut_AnswersTheLockedOutText_UnderNonFieldErrors()
    {
        var email = await ActiveEmailAsync();
        for (var i = 0; i < 4; i++)
        {
            (await PostAsync("/auth/jwt/create/", new { email, password = "wrong-password" }))
                .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to log in with provided credentials."]}""");
        }

        (await PostAsync("/auth/jwt/create/", new { email, password = "wrong-password" }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Too many failed login attempts. Try again later."]}""");
        (await PostAsync("/auth/jwt/create/", new { email, password = Password }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Too many failed login attempts. Try again later."]}""");

        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/auth/jwt/create/", new { email, password = Password })).Status);
    }
}
