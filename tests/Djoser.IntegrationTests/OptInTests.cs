using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>
/// The opt-ins beyond djoser (issue 8): a distinct answer for an account not yet activated, endpoints switched off,
/// and link checks that consume nothing. Off by default (the other test classes run with djoser's behaviour).
/// </summary>
public sealed class OptInTests(OptInTests.Fixture app) : DjoserTestBase(app), IClassFixture<OptInTests.Fixture>
{
    [Fact]
    public async Task Login_NotActivated_RightPassword_SaysSo_WrongPassword_StaysGeneric()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        (await LoginAsync(email)).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["User account is disabled."]}""");
        (await LoginAsync(email, "wrong-password")).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to login with provided credentials."]}""");
    }

    [Fact]
    public async Task DisabledEndpoint_Is404_AndTheRootListsItEmpty()
    {
        var (_, token) = await ActiveUserAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostJsonAsync("/auth/users/delete/", new { current_password = Password }, token)).Status);
        var root = await Client.GetAsync("/auth/");
        Assert.Equal(string.Empty, root.Json!["user-delete"]!.GetValue<string>());
        Assert.Equal("http://localhost/auth/users/create/", root.Json!["user-create"]!.GetValue<string>());
    }

    [Fact]
    public async Task ActivationCheck_AnswersAsTheConfirm_AndConsumesNothing()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        var (uid, token) = LinkIn(email, "activate");

        (await Client.PostJsonAsync("/auth/users/activate/check/", new { uid, token = "wrong" }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}""");
        (await Client.PostJsonAsync("/auth/users/activate/check/", new { uid = "bm9ib2R5", token }))
            .Is(HttpStatusCode.BadRequest, """{"uid":["Invalid user id or user doesn't exist."]}""");
        (await Client.PostJsonAsync("/auth/users/activate/check/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);
        (await Client.PostJsonAsync("/auth/users/activate/check/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);

        (await Client.PostJsonAsync("/auth/users/activate/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);
        (await Client.PostJsonAsync("/auth/users/activate/check/", new { uid, token }))
            .Is(HttpStatusCode.Forbidden, """{"detail":"Stale token for given user."}""");
    }

    [Fact]
    public async Task ResetCheck_AcceptsALiveLink_WhichStillWorksAfterwards()
    {
        var (email, _) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/password/reset/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        var (uid, token) = LinkIn(email, "password/reset/confirm");
        (await Client.PostJsonAsync("/auth/password/reset/confirm/check/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);
        (await Client.PostJsonAsync("/auth/password/reset/confirm/", new { uid, token, new_password = "another-Horse-43" })).IsEmpty(HttpStatusCode.NoContent);
        (await Client.PostJsonAsync("/auth/password/reset/confirm/check/", new { uid, token }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}""");
    }

    public sealed class Fixture() : DjoserApp(new Dictionary<string, string?>
    {
        ["Djoser:LoginShowNotActivated"] = "true",
        ["Djoser:LinkCheckEndpoints"] = "true",
        ["Djoser:Endpoints:user-delete:Enabled"] = "false",
    });
}

/// <summary>A switch for an endpoint the layout does not have stops the start, listing the layout's names.</summary>
public sealed class UnknownEndpointSwitchTests
{
    [Fact]
    public void UnknownEndpointName_FailsAtStartup()
    {
        using var app = new App();
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var message = error is AggregateException aggregate ? aggregate.InnerExceptions[0].Message : error.Message;
        Assert.Contains("Djoser:Endpoints names 'user-list', which the V1 layout does not have; its endpoints are root, user, user-create", message);
    }

    private sealed class App() : DjoserApp(new Dictionary<string, string?> { ["Djoser:Endpoints:user-list:Enabled"] = "false" });
}

/// <summary>
/// djoser's <c>TOKEN_MODEL = None</c> (<c>Djoser:TokenModel</c>): the token URLs are not mounted, the 1.1 root lists
/// them as <c>""</c>, and listing the Token scheme anyway stops the start.
/// </summary>
public sealed class NoTokenModelTests(NoTokenModelTests.Fixture app) : DjoserTestBase(app), IClassFixture<NoTokenModelTests.Fixture>
{
    [Fact]
    public async Task TokenUrls_AreNotMounted_AndTheRootSaysSo()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostJsonAsync("/auth/token/create/", new { email = NewEmail(), password = Password })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostJsonAsync("/auth/token/destroy/", null)).Status);
        var root = await Client.GetAsync("/auth/");
        Assert.Equal(string.Empty, root.Json!["token-create"]!.GetValue<string>());
        Assert.Equal(string.Empty, root.Json!["token-destroy"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(NewEmail())).Status);
    }

    [Fact]
    public void TokenScheme_WithoutATokenModel_FailsAtStartup()
    {
        using var app = new TokenSchemeWithoutModel();
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Djoser:AuthenticationSchemes lists 'Token' while Djoser:TokenModel is None", error.ToString());
    }

    public sealed class Fixture() : DjoserApp(new Dictionary<string, string?>
    {
        ["Djoser:TokenModel"] = "None",
        ["Djoser:AuthenticationSchemes:0"] = "Basic",
    });

    private sealed class TokenSchemeWithoutModel() : DjoserApp(new Dictionary<string, string?> { ["Djoser:TokenModel"] = "None" });
}
