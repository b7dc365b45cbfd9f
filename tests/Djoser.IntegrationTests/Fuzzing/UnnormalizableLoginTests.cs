using System.Net;
using System.Text;

namespace Djoser.IntegrationTests.Fuzzing;

/// <summary>
/// Logins holding text .NET cannot normalize (U+FFFE): found by the fuzzer as
/// 500s in Identity's lookup. Django normalizes them and finds nobody, so each is the layout's wrong-credentials answer.
/// </summary>
public sealed class UnnormalizableLoginTests(FuzzV2App app) : DjoserTestBase(app), IClassFixture<FuzzV2App>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    [Theory]
    [InlineData("\uffff\ufffe")]
    [InlineData("ann\ufffe@example.com")]
    public async Task TokenLogin_LoginDotNetCannotNormalize_Returns400WrongCredentials(string login)
    {
        var response = await Client.PostJsonAsync(Paths.Login, $$"""{"email": "{{Escape(login)}}", "password": "{{Password}}"}""");

        response.Is(HttpStatusCode.BadRequest, """{"non_field_errors": ["Unable to log in with provided credentials."]}""");
    }

    [Fact]
    public async Task TokenLogin_FormWithNonCharacters_Returns400WrongCredentials()
    {
        var response = await Client.PostFormAsync(Paths.Login, new Dictionary<string, string> { ["email"] = "\ufffe", ["password"] = Password });

        response.Is(HttpStatusCode.BadRequest, """{"non_field_errors": ["Unable to log in with provided credentials."]}""");
    }

    [Fact]
    public async Task JwtCreate_LoginDotNetCannotNormalize_Returns401NoActiveAccount()
    {
        var response = await Client.PostJsonAsync("/auth/jwt/create/", """{"email": "\ufffe", "password": "x"}""");

        response.Is(HttpStatusCode.Unauthorized, """{"detail": "No active account found with the given credentials"}""");
    }

    [Fact]
    public async Task BasicAuthentication_UsernameDotNetCannotNormalize_Returns401InvalidUsernameOrPassword()
    {
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("\ufffe:" + Password));

        var response = await Client.SendAsync(HttpMethod.Get, Paths.Me, null, null, "Basic " + credentials);

        response.Is(HttpStatusCode.Unauthorized, """{"detail": "Invalid username/password."}""");
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c < 0x80 ? c.ToString() : $"\\u{(int)c:x4}"));
}
