using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>Asserts issue 11's cache headers on one answer.</summary>
internal static class NoStore
{
    /// <summary><c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c>, whatever the status.</summary>
    public static DjoserResponse IsNotStored(this DjoserResponse response)
    {
        Assert.True(response.Headers.CacheControl?.NoStore, $"No 'Cache-Control: no-store' on a {(int)response.Status}: {response.Headers}");
        Assert.Equal("no-cache", response.Headers.Pragma.ToString());
        return response;
    }
}

/// <summary>No djoser answer is kept by a cache: token login, the current user, and its errors (issue 11).</summary>
public sealed class CacheHeaderTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Fact]
    public async Task TokenLoginAndMe_AnswerNoStore()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).IsNotStored().Status);
        await ActivateAsync(email);

        var login = (await LoginAsync(email)).IsNotStored();
        Assert.Equal(HttpStatusCode.OK, login.Status);
        var token = login.Json!["auth_token"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, token)).IsNotStored().Status);
    }

    [Fact]
    public async Task Errors_AndTheSlashRedirect_AnswerNoStore()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostJsonAsync(Paths.Login, new { })).IsNotStored().Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync(Paths.Me)).IsNotStored().Status);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await Client.GetAsync(Paths.Me.TrimEnd('/'))).IsNotStored().Status);
    }
}

/// <summary>simplejwt's create, refresh and verify answers are not kept by a cache either.</summary>
public sealed class JwtCacheHeaderTests(JwtV2App app) : JwtEndpointTestBase(app), IClassFixture<JwtV2App>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    [Fact]
    public async Task JwtCreateRefreshVerify_AnswerNoStore()
    {
        var email = await ActiveEmailAsync();

        var created = (await PostAsync("/auth/jwt/create/", new { email, password = Password })).IsNotStored();
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var refresh = Field(created, "refresh");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/auth/jwt/refresh/", new { refresh })).IsNotStored().Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/auth/jwt/verify/", new { token = refresh })).IsNotStored().Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/auth/jwt/create/", new { email, password = "wrong-Horse-1" })).IsNotStored().Status);
    }
}
