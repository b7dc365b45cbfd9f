using System.Net;
using System.Text;

namespace Djoser.IntegrationTests;

/// <summary>djoser 0.5.3's own tutorial, step by step as printed (spec §11), and DRF's BasicAuthentication on the username sample.</summary>
public sealed class SeedTutorialTests(UsernameSampleApp app) : IClassFixture<UsernameSampleApp>
{
    private readonly DjoserClient _client = app.CreateDjoserClient();

    [Fact]
    public async Task Tutorial_RegisterLoginMeLogout_AnswersAsPrinted()
    {
        var username = "djoser" + Guid.NewGuid().ToString("N")[..6];
        var registered = await _client.PostFormAsync("/auth/register/", new Dictionary<string, string> { ["username"] = username, ["password"] = "djoser" });
        Assert.Equal(HttpStatusCode.Created, registered.Status);
        var id = registered.Json!["id"]!.GetValue<int>();
        Assert.Equal($$"""{"email":"","username":"{{username}}","id":{{id}}}""", registered.Body);

        var anonymous = await _client.GetAsync("/auth/me/");
        anonymous.Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        Assert.Equal("Basic realm=\"api\"", anonymous.Headers.WwwAuthenticate.ToString());

        var login = await _client.PostFormAsync("/auth/login/", new Dictionary<string, string> { ["username"] = username, ["password"] = "djoser" });
        Assert.Equal(HttpStatusCode.OK, login.Status);
        var token = login.Json!["auth_token"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{40}$", token);

        var me = await _client.GetAsync("/auth/me/", token);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal($$"""{"email":"","username":"{{username}}","id":{{id}}}""", me.Body);

        (await _client.PostJsonAsync("/auth/logout/", null, token)).IsEmpty(HttpStatusCode.NoContent);
        (await _client.GetAsync("/auth/me/", token)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");
    }

    [Fact]
    public async Task Basic_RightCredentials_AuthenticatesEveryRequest()
    {
        var username = await RegisterAsync();
        var me = await _client.SendAsync(HttpMethod.Get, "/auth/me/", null, null, Basic(username + ":djoser"));
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(username, me.Json!["username"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Basic", "Invalid basic header. No credentials provided.")]
    [InlineData("Basic a b", "Invalid basic header. Credentials string should not contain spaces.")]
    [InlineData("Basic !!!", "Invalid basic header. Credentials not correctly base64 encoded.")]
    [InlineData("basic bm9ib2R5OnNlY3JldA==", "Invalid username/password.")]
    [InlineData("Basic OnNlY3JldA==", "Invalid username/password.")]
    public async Task Basic_BadHeader_Returns401EvenOnOpenEndpoints(string header, string detail)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, "/auth/register/", "{}", "application/json", header);
        response.Is(HttpStatusCode.Unauthorized, $$"""{"detail":"{{detail}}"}""");
        Assert.Equal("Basic realm=\"api\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Basic_WrongPassword_IsRefusedLikeAnUnknownUser()
    {
        var username = await RegisterAsync();
        (await _client.SendAsync(HttpMethod.Get, "/auth/me/", null, null, Basic(username + ":wrong")))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid username/password."}""");
    }

    [Fact]
    public async Task Token_AfterBasicInTheList_StillAuthenticates_AndBadTokenKeepsBasicChallenge()
    {
        var username = await RegisterAsync();
        var login = await _client.PostFormAsync("/auth/login/", new Dictionary<string, string> { ["username"] = username, ["password"] = "djoser" });
        var token = login.Json!["auth_token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/auth/me/", token)).Status);

        var bad = await _client.SendRawAsync(HttpMethod.Get, "/auth/me/", "", "application/json", "Token 0123456789abcdef0123456789abcdef01234567");
        bad.Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");
        Assert.Equal("Basic realm=\"api\"", bad.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task MePatch_IsNotPartOf05_Returns405ForAUser()
    {
        var username = await RegisterAsync();
        (await _client.SendAsync(HttpMethod.Patch, "/auth/me/", new StringContent("{}", Encoding.UTF8, "application/json"), null, Basic(username + ":djoser")))
            .Is(HttpStatusCode.MethodNotAllowed, """{"detail":"Method \"PATCH\" not allowed."}""");
    }

    private async Task<string> RegisterAsync()
    {
        var username = "user" + Guid.NewGuid().ToString("N")[..8];
        var registered = await _client.PostFormAsync("/auth/register/", new Dictionary<string, string> { ["username"] = username, ["password"] = "djoser" });
        Assert.Equal(HttpStatusCode.Created, registered.Status);
        return username;
    }

    private static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
}
