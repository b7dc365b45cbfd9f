using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>
/// One list of account scenarios whose behaviour every layout shares, run on each layout's URLs (the differences
/// — texts, error keys, flows — are pinned by the per-layout test classes).
/// </summary>
public abstract class LayoutScenarios(DjoserApp app) : DjoserTestBase(app)
{
    [Fact]
    public async Task RegisterActivateLoginMe_Works()
    {
        var (email, token) = await ActiveUserAsync();
        var me = await Client.GetAsync(Paths.Me, token);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(email, me.Json!["email"]!.GetValue<string>());
        Assert.Equal("Ann", me.Json!["first_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_Duplicate_IsAFieldError()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).Status);
        (await RegisterAsync(email)).Is(HttpStatusCode.BadRequest, """{"email":["user with this email address already exists."]}""");
    }

    [Fact]
    public async Task Register_WeakPassword_ListsDjangosValidators()
    {
        (await RegisterAsync(NewEmail(), "12345678")).Is(HttpStatusCode.BadRequest,
            """{"password":["This password is too common.","This password is entirely numeric."]}""");
    }

    [Fact]
    public async Task Me_Anonymous_Is401()
    {
        (await Client.GetAsync(Paths.Me)).Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
    }

    [Fact]
    public async Task SetPassword_ThenLoginWithTheNewOne()
    {
        var (email, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync(Paths.SetPassword, new { new_password = "another-Horse-43", current_password = "wrong" }, token))
            .Is(HttpStatusCode.BadRequest, """{"current_password":["Invalid password."]}""");
        (await Client.PostJsonAsync(Paths.SetPassword, new { new_password = "another-Horse-43", current_password = Password }, token))
            .IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, "another-Horse-43")).Status);
    }

    [Fact]
    public async Task ResetPassword_LinkSetsTheNewPassword_Once()
    {
        var (email, _) = await ActiveUserAsync();
        (await Client.PostJsonAsync(Paths.ResetPassword, new { email })).IsEmpty(HttpStatusCode.NoContent);
        var (uid, token) = LinkIn(email, "password/reset/confirm");
        (await Client.PostJsonAsync(Paths.ResetPasswordConfirm, new { uid, token, new_password = "another-Horse-43" })).IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostJsonAsync(Paths.ResetPasswordConfirm, new { uid, token, new_password = "third-Horse-44" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, "another-Horse-43")).Status);
    }

    [Fact]
    public async Task ResetPassword_UnknownEmail_Is204AndSendsNothing()
    {
        var (known, _) = await ActiveUserAsync();
        var before = App.Emails.Count;
        (await Client.PostJsonAsync(Paths.ResetPassword, new { email = NewEmail() })).IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(before, App.Emails.Count);
        (await Client.PostJsonAsync(Paths.ResetPassword, new { email = known })).IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(before + 1, App.Emails.Count);
    }

    [Fact]
    public async Task SetUsername_TakenName_IsAFieldError()
    {
        var (taken, _) = await ActiveUserAsync();
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync(Paths.SetUsername, new { new_email = taken, current_password = Password }, token))
            .Is(HttpStatusCode.BadRequest, """{"new_email":["user with this email address already exists."]}""");
    }

    [Fact]
    public async Task Logout_KillsTheToken()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync(Paths.Logout, null, token)).IsEmpty(HttpStatusCode.NoContent);
        (await Client.GetAsync(Paths.Me, token)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");
    }

    [Fact]
    public async Task Delete_WithThePassword_RemovesTheAccount()
    {
        if (Paths.Delete is not { } delete)
        {
            // djoser 0.5.3 has no delete endpoint: nothing is mapped there.
            var (_, anyToken) = await ActiveUserAsync();
            Assert.Equal(HttpStatusCode.NotFound, (await Client.PostJsonAsync("/auth/users/delete/", new { current_password = Password }, anyToken)).Status);
            return;
        }

        var (email, token) = await ActiveUserAsync();
        (await Client.SendJsonAsync(new HttpMethod(Paths.DeleteMethod), delete, new { current_password = Password }, token)).IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(email)).Status);
    }
}

public sealed class V05Scenarios(V05DjoserApp app) : LayoutScenarios(app), IClassFixture<V05DjoserApp>
{
    protected override DjoserPaths Paths => DjoserPaths.V05;
}

public sealed class V1Scenarios(DjoserApp app) : LayoutScenarios(app), IClassFixture<DjoserApp>
{
    protected override DjoserPaths Paths => DjoserPaths.V1;
}

public sealed class V2Scenarios(V2DjoserApp app) : LayoutScenarios(app), IClassFixture<V2DjoserApp>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;
}
