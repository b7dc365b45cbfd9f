using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>DRF's cross-cutting wire behaviour (spec §1, §12): parse errors, media types, methods, slashes, root.</summary>
public sealed class WireFormatTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Fact]
    public async Task MalformedJson_Returns400ParseError()
    {
        var response = await Client.SendRawAsync(HttpMethod.Post, "/auth/users/create/", "{\"email\": ", "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith("JSON parse error - ", response.Json!["detail"]!.GetValue<string>());
        Assert.Single(response.Json!.AsObject());
    }

    [Theory]
    [InlineData("[]", "list")]
    [InlineData("\"text\"", "str")]
    [InlineData("12", "int")]
    public async Task NonObjectJson_ReturnsNonFieldError(string body, string typeName)
    {
        (await Client.SendRawAsync(HttpMethod.Post, "/auth/token/create/", body, "application/json")).Is(HttpStatusCode.BadRequest,
            $$"""{"non_field_errors":["Invalid data. Expected a dictionary, but got {{typeName}}."]}""");
    }

    [Fact]
    public async Task NullJson_ReturnsNoDataProvided()
    {
        (await Client.SendRawAsync(HttpMethod.Post, "/auth/token/create/", "null", "application/json")).Is(HttpStatusCode.BadRequest,
            """{"non_field_errors":["No data provided"]}""");
    }

    [Fact]
    public async Task BrokenMultipartBody_Returns400()
    {
        var response = await Client.SendRawAsync(HttpMethod.Post, "/auth/users/create/", "--x\r\nnot a part", "multipart/form-data; boundary=x");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith("Multipart form parse error - ", response.Json!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Messages_AreWrittenUnescaped()
    {
        var (_, token) = await ActiveUserAsync();
        var response = await Client.PostJsonAsync("/auth/password/", new { new_password = "another-Secret-9", current_password = "x" }, token);
        Assert.Contains("\"current_password\":[\"Invalid password.\"]", response.Body);
        response = await Client.PostJsonAsync("/auth/users/activate/", new { uid = "x", token = "y" });
        Assert.Contains("doesn't exist", response.Body);
    }

    [Fact]
    public async Task JsonWithCharset_IsAccepted()
    {
        (await Client.SendRawAsync(HttpMethod.Post, "/auth/token/create/", "{}", "application/json; charset=utf-8")).Is(HttpStatusCode.BadRequest,
            """{"non_field_errors":["Unable to login with provided credentials."]}""");
    }

    [Fact]
    public async Task UnsupportedMediaType_Returns415()
    {
        (await Client.SendRawAsync(HttpMethod.Post, "/auth/users/create/", "email=x", "text/plain")).Is(HttpStatusCode.UnsupportedMediaType,
            """{"detail":"Unsupported media type \"text/plain\" in request."}""");
    }

    [Fact]
    public async Task UnlistedMethod_Returns405WithDrfBody()
    {
        var response = await Client.GetAsync("/auth/users/create/");
        response.Is(HttpStatusCode.MethodNotAllowed, """{"detail":"Method \"GET\" not allowed."}""");
        Assert.Contains("POST", response.ContentHeaders.Allow);
    }

    [Fact]
    public async Task UnlistedMethodOnProtectedView_AnonymousGets401_AuthenticatedGets405()
    {
        (await Client.SendJsonAsync(HttpMethod.Delete, "/auth/me/", null)).Is(HttpStatusCode.Unauthorized,
            """{"detail":"Authentication credentials were not provided."}""");
        var (_, token) = await ActiveUserAsync();
        (await Client.SendJsonAsync(HttpMethod.Delete, "/auth/me/", null, token)).Is(HttpStatusCode.MethodNotAllowed,
            """{"detail":"Method \"DELETE\" not allowed."}""");
    }

    [Fact]
    public async Task Options_ReturnsMetadata()
    {
        var (_, token) = await ActiveUserAsync();
        var response = await Client.SendJsonAsync(HttpMethod.Options, "/auth/token/destroy/", null, token);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.Json!["renders"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingTrailingSlash_Redirects301()
    {
        var response = await Client.PostJsonAsync("/auth/users/create", new { });
        Assert.Equal(HttpStatusCode.MovedPermanently, response.Status);
        Assert.Equal("/auth/users/create/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Root_ListsEveryUrlName()
    {
        (await Client.GetAsync("/auth/")).Is(HttpStatusCode.OK, """
            {"root":"http://localhost/auth/","user":"http://localhost/auth/me/","user-create":"http://localhost/auth/users/create/",
             "user-delete":"http://localhost/auth/users/delete/","user-activate":"http://localhost/auth/users/activate/",
             "set_username":"http://localhost/auth/email/","set_password":"http://localhost/auth/password/",
             "password_reset":"http://localhost/auth/password/reset/","password_reset_confirm":"http://localhost/auth/password/reset/confirm/",
             "token-create":"http://localhost/auth/token/create/","token-destroy":"http://localhost/auth/token/destroy/"}
            """);
    }
}
