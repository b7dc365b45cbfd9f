using System.Net;
using System.Text;

namespace Djoser.IntegrationTests;

/// <summary>DRF's BasicAuthentication (the username sample, djoser 0.5.3) behind the lockout (issue 11).</summary>
public sealed class BasicLockoutTests(UsernameSampleApp app) : IClassFixture<UsernameSampleApp>
{
    private const string InvalidUsernameOrPassword = """{"detail":"Invalid username/password."}""";

    private readonly DjoserClient _client = app.CreateDjoserClient();

    [Fact]
    public async Task Basic_FiveWrongPasswords_LockOut_TheRightOneIsRefusedAsAWrongOne()
    {
        var username = "basic" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created,
            (await _client.PostFormAsync("/auth/register/", new Dictionary<string, string> { ["username"] = username, ["password"] = "djoser" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Get, "/auth/me/", null, null, Basic(username + ":djoser"))).Status);

        for (var i = 0; i < 5; i++)
        {
            (await _client.SendAsync(HttpMethod.Get, "/auth/me/", null, null, Basic(username + ":wrong")))
                .Is(HttpStatusCode.Unauthorized, InvalidUsernameOrPassword);
        }

        (await _client.SendAsync(HttpMethod.Get, "/auth/me/", null, null, Basic(username + ":djoser")))
            .Is(HttpStatusCode.Unauthorized, InvalidUsernameOrPassword);
    }

    private static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
}
