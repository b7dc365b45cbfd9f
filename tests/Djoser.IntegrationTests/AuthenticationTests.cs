using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>DRF TokenAuthentication (spec §1.3–1.5, §12) and POST /token/create/, /token/destroy/.</summary>
public sealed class AuthenticationTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Fact]
    public async Task Me_Anonymous_Returns401WithChallenge()
    {
        var response = await Client.GetAsync("/auth/me/");
        response.Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        Assert.Equal("Token", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("Token", "Invalid token header. No credentials provided.")]
    [InlineData("Token a b", "Invalid token header. Token string should not contain spaces.")]
    [InlineData("Token 0123456789abcdef0123456789abcdef01234567", "Invalid token.")]
    [InlineData("token 0123456789abcdef0123456789abcdef01234567", "Invalid token.")]
    public async Task BadTokenHeader_Returns401EvenOnOpenEndpoints(string header, string detail)
    {
        var response = await Client.SendRawAsync(HttpMethod.Post, "/auth/users/create/", "{}", "application/json", header);
        response.Is(HttpStatusCode.Unauthorized, $$"""{"detail":"{{detail}}"}""");
        Assert.Equal("Token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task OtherScheme_IsIgnored_RequestIsAnonymous()
    {
        (await Client.SendRawAsync(HttpMethod.Get, "/auth/me/", "", "application/json", "Basic dXNlcjpwYXNz"))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
    }

    [Fact]
    public async Task Login_EmptyBody_ReturnsInvalidCredentials()
    {
        (await Client.PostJsonAsync("/auth/token/create/", null)).Is(HttpStatusCode.BadRequest,
            """{"non_field_errors":["Unable to login with provided credentials."]}""");
    }

    [Fact]
    public async Task Login_BlankField_ReturnsBlankError()
    {
        (await Client.PostJsonAsync("/auth/token/create/", new { email = "", password = "x" })).Is(HttpStatusCode.BadRequest,
            """{"email":["This field may not be blank."]}""");
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownUser_ReturnsInvalidCredentials()
    {
        var (email, _) = await ActiveUserAsync();
        (await LoginAsync(email, "wrong-password")).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to login with provided credentials."]}""");
        (await LoginAsync(NewEmail())).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to login with provided credentials."]}""");
    }

    [Fact]
    public async Task Login_FormBody_ReturnsToken()
    {
        var (email, token) = await ActiveUserAsync();
        var response = await Client.PostFormAsync("/auth/token/create/", new Dictionary<string, string> { ["email"] = email, ["password"] = Password });
        response.Is(HttpStatusCode.OK, $$"""{"auth_token":"{{token}}"}""");
    }

    [Fact]
    public async Task Logout_Anonymous_Returns401_AndSecondLogoutIsInvalidToken()
    {
        (await Client.PostJsonAsync("/auth/token/destroy/", null)).Is(HttpStatusCode.Unauthorized,
            """{"detail":"Authentication credentials were not provided."}""");
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/token/destroy/", null, token)).IsEmpty(HttpStatusCode.NoContent);
        (await Client.PostJsonAsync("/auth/token/destroy/", null, token)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");
    }

    [Fact]
    public async Task Login_InvalidatesOutstandingResetLink()
    {
        var (email, _) = await ActiveUserAsync();
        await Client.PostJsonAsync("/auth/password/reset/", new { email });
        var (uid, token) = LinkIn(email, "password/reset/confirm");
        await LoginTokenAsync(email);
        (await Client.PostJsonAsync("/auth/password/reset/confirm/", new { uid, token, new_password = "brand-New-pass-1" }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}""");
    }
}
