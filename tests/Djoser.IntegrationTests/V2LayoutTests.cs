using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>djoser 2.3.4's URLs and behaviour (spec §3) on the sample, layout V2.</summary>
public sealed class V2LayoutTests(V2DjoserApp app) : DjoserTestBase(app), IClassFixture<V2DjoserApp>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    [Fact]
    public async Task Root_ListsTheUsersViewset()
    {
        (await Client.GetAsync("/auth/")).Is(HttpStatusCode.OK, """{"users":"http://localhost/auth/users/"}""");
    }

    [Fact]
    public async Task Login_WrongPassword_Uses2xText_AndServesTheSlashlessUrl()
    {
        var (email, _) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/token/login", new { email, password = "wrong" }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to log in with provided credentials."]}""");
        Assert.Equal(HttpStatusCode.OK, (await Client.PostJsonAsync("/auth/token/login", new { email, password = Password })).Status);
    }

    [Fact]
    public async Task Logout_WithoutSlash_DeletesTheToken()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/token/logout", null, token)).IsEmpty(HttpStatusCode.NoContent);
        (await Client.GetAsync("/auth/users/me/", token)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");
    }

    [Fact]
    public async Task Activation_Errors_UseThe2xKeysAndOrder()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        var (uid, token) = LinkIn(email, "activate");

        (await Client.PostJsonAsync("/auth/users/activation/", new { }))
            .Is(HttpStatusCode.BadRequest, """{"uid":["This field is required."],"token":["This field is required."]}""");
        // 2.x checks the uid only once the fields are there (spec §3.3).
        (await Client.PostJsonAsync("/auth/users/activation/", new { uid = "bm9ib2R5" }))
            .Is(HttpStatusCode.BadRequest, """{"token":["This field is required."]}""");
        (await Client.PostJsonAsync("/auth/users/activation/", new { uid = "bm9ib2R5", token }))
            .Is(HttpStatusCode.BadRequest, """{"uid":["Invalid user id or user doesn't exist."]}""");
        (await Client.PostJsonAsync("/auth/users/activation/", new { uid, token = "wrong" }))
            .Is(HttpStatusCode.BadRequest, """{"token":["Invalid token for given user."]}""");
        (await Client.PostJsonAsync("/auth/users/activation/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);
        (await Client.PostJsonAsync("/auth/users/activation/", new { uid, token }))
            .Is(HttpStatusCode.Forbidden, """{"detail":"Stale token for given user."}""");
    }

    [Fact]
    public async Task Me_ReadUpdateDelete()
    {
        var (email, token) = await ActiveUserAsync();
        var me = await Client.GetAsync("/auth/users/me/", token);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(email, me.Json!["email"]!.GetValue<string>());

        var patched = await Client.SendJsonAsync(HttpMethod.Patch, "/auth/users/me/", new { last_name = "Li" }, token);
        Assert.Equal("Li", patched.Json!["last_name"]!.GetValue<string>());

        (await Client.SendJsonAsync(HttpMethod.Delete, "/auth/users/me/", new { current_password = "wrong" }, token))
            .Is(HttpStatusCode.BadRequest, """{"current_password":["Invalid password."]}""");
        (await Client.SendJsonAsync(HttpMethod.Delete, "/auth/users/me/", new { current_password = Password }, token)).IsEmpty(HttpStatusCode.NoContent);
        (await Client.GetAsync("/auth/users/me/", token)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");
        (await LoginAsync(email)).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to log in with provided credentials."]}""");
    }

    [Fact]
    public async Task UserById_Self_IsReadable_Others_AreHidden_AndDeleteIsForbidden()
    {
        var (_, token) = await ActiveUserAsync();
        var (_, otherToken) = await ActiveUserAsync();
        var id = (await Client.GetAsync("/auth/users/me/", token)).Json!["id"]!.GetValue<string>();
        var otherId = (await Client.GetAsync("/auth/users/me/", otherToken)).Json!["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/auth/users/{id}/", token)).Status);
        (await Client.GetAsync($"/auth/users/{otherId}/", token)).Is(HttpStatusCode.NotFound, """{"detail":"Not found."}""");
        (await Client.SendJsonAsync(HttpMethod.Patch, $"/auth/users/{otherId}/", new { last_name = "X" }, token))
            .Is(HttpStatusCode.NotFound, """{"detail":"Not found."}""");
        (await Client.SendJsonAsync(HttpMethod.Delete, $"/auth/users/{otherId}/", new { current_password = Password }, token))
            .Is(HttpStatusCode.Forbidden, """{"detail":"You do not have permission to perform this action."}""");
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/auth/users/me/", otherToken)).Status);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("abc")]
    public async Task UserById_UnknownOrUnconvertibleId_Returns404(string id)
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.GetAsync($"/auth/users/{id}/", token)).Is(HttpStatusCode.NotFound, """{"detail":"Not found."}""");
    }

    [Fact]
    public async Task UserList_WithHideUsers_ShowsOnlyMe()
    {
        await ActiveUserAsync();
        var (email, token) = await ActiveUserAsync();
        var list = await Client.GetAsync("/auth/users/", token);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var users = list.Json!.AsArray();
        Assert.Single(users);
        Assert.Equal(email, users[0]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task ViewsetUrl_UnmappedMethod_Is401Anonymous_And405ForAUser()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.GetAsync("/auth/users/set_password/")).Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        (await Client.GetAsync("/auth/users/set_password/", token)).Is(HttpStatusCode.MethodNotAllowed, """{"detail":"Method \"GET\" not allowed."}""");
        (await Client.GetAsync("/auth/users/activation/")).Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
    }

    [Fact]
    public async Task FormatSuffixTwins_AnswerAsTheirUrls()
    {
        var (email, token) = await ActiveUserAsync();
        var me = await Client.GetAsync("/auth/users/me.json", token);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(email, me.Json!["email"]!.GetValue<string>());
        var id = me.Json!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/auth/users/{id}.json/", token)).Status);
        (await Client.GetAsync("/auth/.json")).Is(HttpStatusCode.OK, """{"users":"http://localhost/auth/users.json"}""");
        (await Client.GetAsync("/auth/users/me.json")).Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        (await Client.PostJsonAsync("/auth/users/activation.json", new { }))
            .Is(HttpStatusCode.BadRequest, """{"uid":["This field is required."],"token":["This field is required."]}""");
    }

    [Fact]
    public async Task Head_AnswersWhereGetDoes_WithoutABody()
    {
        var (_, token) = await ActiveUserAsync();
        var head = await Client.SendAsync(HttpMethod.Head, "/auth/users/me/", null, token);
        Assert.Equal(HttpStatusCode.OK, head.Status);
        Assert.Equal(string.Empty, head.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Head, "/auth/users/me/", null, null)).Status);
    }

    [Fact]
    public async Task Options_ChecksTheUserPermission_ThenDescribesTheView()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.SendAsync(HttpMethod.Options, "/auth/users/me/", null, null))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        var options = await Client.SendAsync(HttpMethod.Options, "/auth/users/me/", null, token);
        Assert.Equal(HttpStatusCode.OK, options.Status);
        Assert.Equal("application/json", options.Json!["renders"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ResendActivation_SendsANewLinkToAnInactiveUser_AndNothingToAnActiveOne()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        (await Client.PostJsonAsync("/auth/users/resend_activation/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(2, EmailCountTo(email));
        await ActivateAsync(email);
        (await Client.PostJsonAsync("/auth/users/resend_activation/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(2, EmailCountTo(email));
    }

    [Fact]
    public async Task SetPassword_SendsThePasswordChangedEmail()
    {
        var (email, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/users/set_password/", new { new_password = "another-Horse-43", current_password = Password }, token))
            .IsEmpty(HttpStatusCode.NoContent);
        Assert.Contains("password", LastEmailTo(email).Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, "another-Horse-43")).Status);
    }

    [Fact]
    public async Task ResetPasswordConfirm_ChecksInDjosersOrder_AndKillsOtherLinks()
    {
        var (email, _) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/users/reset_password/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        var (uid, token) = LinkIn(email, "password/reset/confirm");

        // Validators first, whatever the uid and token (spec §3.3).
        (await Client.PostJsonAsync("/auth/users/reset_password_confirm/", new { uid = "bm9ib2R5", token = "x", new_password = "123" }))
            .Is(HttpStatusCode.BadRequest,
                """{"new_password":["This password is too short. It must contain at least 8 characters.","This password is too common.","This password is entirely numeric."]}""");
        (await Client.PostJsonAsync("/auth/users/reset_password_confirm/", new { uid = "bm9ib2R5", token, new_password = "another-Horse-43" }))
            .Is(HttpStatusCode.BadRequest, """{"uid":["Invalid user id or user doesn't exist."]}""");
        (await Client.PostJsonAsync("/auth/users/reset_password_confirm/", new { uid, token = "x", new_password = "another-Horse-43" }))
            .Is(HttpStatusCode.BadRequest, """{"token":["Invalid token for given user."]}""");

        (await Client.PostJsonAsync("/auth/users/reset_password/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        var (_, secondToken) = LinkIn(email, "password/reset/confirm");
        (await Client.PostJsonAsync("/auth/users/reset_password_confirm/", new { uid, token = secondToken, new_password = "another-Horse-43" }))
            .IsEmpty(HttpStatusCode.NoContent);
        Assert.Contains("password", LastEmailTo(email).Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, "another-Horse-43")).Status);
    }

    [Fact]
    public async Task SetEmail_KeepsTheUserActive_AndConfirmsToTheNewAddress()
    {
        var (_, token) = await ActiveUserAsync();
        var newEmail = NewEmail();
        (await Client.PostJsonAsync("/auth/users/set_email/", new { new_email = newEmail, current_password = Password }, token))
            .IsEmpty(HttpStatusCode.NoContent);
        var me = await Client.GetAsync("/auth/users/me/", token);
        Assert.Equal(newEmail, me.Json!["email"]!.GetValue<string>());
        Assert.Equal(1, EmailCountTo(newEmail));
    }

    [Fact]
    public async Task ResetEmailConfirm_UidAndTokenAreNotFields_ThenSetsTheNewUsername()
    {
        var (email, _) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/users/reset_email/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        var (uid, token) = LinkIn(email, "username/reset/confirm");

        (await Client.PostJsonAsync("/auth/users/reset_email_confirm/", new { }))
            .Is(HttpStatusCode.BadRequest, """{"new_email":["This field is required."]}""");
        var newEmail = NewEmail();
        (await Client.PostJsonAsync("/auth/users/reset_email_confirm/", new { new_email = newEmail }))
            .Is(HttpStatusCode.BadRequest, """{"uid":["Invalid user id or user doesn't exist."]}""");
        (await Client.PostJsonAsync("/auth/users/reset_email_confirm/", new { uid, token = "x", new_email = newEmail }))
            .Is(HttpStatusCode.BadRequest, """{"token":["Invalid token for given user."]}""");
        (await Client.PostJsonAsync("/auth/users/reset_email_confirm/", new { uid, token, new_email = newEmail })).IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(newEmail)).Status);
        Assert.Equal(1, EmailCountTo(newEmail));
    }
}

/// <summary>djoser 2.3.4 with the retype and show-not-found settings on and <c>HideUsers</c> off.</summary>
public sealed class StrictV2LayoutTests(StrictV2DjoserApp app) : DjoserTestBase(app), IClassFixture<StrictV2DjoserApp>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    [Fact]
    public async Task Register_WithRetype_AsksForRePassword_AndValidatorsWinOverMismatch()
    {
        var email = NewEmail();
        (await Client.PostJsonAsync("/auth/users/", new { email, first_name = "A", last_name = "B", password = Password }))
            .Is(HttpStatusCode.BadRequest, """{"re_password":["This field is required."]}""");
        (await Client.PostJsonAsync("/auth/users/", new { email, first_name = "A", last_name = "B", password = "12345678", re_password = "x" }))
            .Is(HttpStatusCode.BadRequest, """{"password":["This password is too common.","This password is entirely numeric."]}""");
        (await Client.PostJsonAsync("/auth/users/", new { email, first_name = "A", last_name = "B", password = Password, re_password = "x" }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["The two password fields didn't match."]}""");
        Assert.Equal(HttpStatusCode.Created,
            (await Client.PostJsonAsync("/auth/users/", new { email, first_name = "A", last_name = "B", password = Password, re_password = Password })).Status);
    }

    [Theory]
    [InlineData("/auth/users/reset_password/")]
    [InlineData("/auth/users/reset_email/")]
    [InlineData("/auth/users/resend_activation/")]
    public async Task UnknownEmail_WithShowFlag_IsABareList(string path)
    {
        (await Client.PostJsonAsync(path, new { email = NewEmail() }))
            .Is(HttpStatusCode.BadRequest, """["User with given email does not exist."]""");
    }

    [Fact]
    public async Task UserList_WithoutHideUsers_ShowsEveryone()
    {
        await ActiveUserAsync();
        var (_, token) = await ActiveUserAsync();
        var list = await Client.GetAsync("/auth/users/", token);
        Assert.True(list.Json!.AsArray().Count >= 2);
    }

    [Fact]
    public async Task OtherUser_WithoutHideUsers_IsForbiddenNotHidden()
    {
        var (_, token) = await ActiveUserAsync();
        var (_, otherToken) = await ActiveUserAsync();
        var otherId = (await Client.GetAsync("/auth/users/me/", otherToken)).Json!["id"]!.GetValue<string>();
        (await Client.GetAsync($"/auth/users/{otherId}/", token))
            .Is(HttpStatusCode.Forbidden, """{"detail":"You do not have permission to perform this action."}""");
    }
}

/// <summary>djoser 2.3.4 with activation e-mails off: resend_activation is a 400 with an empty body (spec §3.2).</summary>
public sealed class V2WithoutActivationTests(V2WithoutActivationTests.Fixture app) : DjoserTestBase(app), IClassFixture<V2WithoutActivationTests.Fixture>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    [Fact]
    public async Task ResendActivation_WithActivationOff_Is400WithAnEmptyBody()
    {
        (await Client.PostJsonAsync("/auth/users/resend_activation/", new { email = NewEmail() })).IsEmpty(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Register_WithActivationOff_CanLogInAtOnce()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email)).Status);
    }

    public sealed class Fixture() : DjoserApp(new Dictionary<string, string?>
    {
        ["Djoser:UrlLayout"] = "V2",
        ["Djoser:UsernameResetConfirmUrl"] = "#/username/reset/confirm/{uid}/{token}",
        ["Djoser:SendActivationEmail"] = "false",
    });
}
