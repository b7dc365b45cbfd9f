using System.Net;
using System.Text.Json.Nodes;
using Djoser.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests;

/// <summary>djoser 1.1 with <c>Djoser:Email:ConfirmEmailChange</c> on (issue 10), on a clock the tests move forward.</summary>
public sealed class EmailChangeApp() : TokenClockApp(new Dictionary<string, string?>
{
    ["Djoser:Email:ConfirmEmailChange"] = "true",
    ["Djoser:EmailChangeConfirmUrl"] = "#/email/confirm/{uid}/{token}",
});

/// <summary>djoser 2.3's layout with the opt-in, and 2.x's username-changed e-mail on.</summary>
public sealed class EmailChangeV2App() : DjoserApp(new Dictionary<string, string?>
{
    ["Djoser:UrlLayout"] = "V2",
    ["Djoser:UsernameResetConfirmUrl"] = "#/username/reset/confirm/{uid}/{token}",
    ["Djoser:UsernameChangedEmailConfirmation"] = "true",
    ["Djoser:Email:ConfirmEmailChange"] = "true",
    ["Djoser:EmailChangeConfirmUrl"] = "#/email/confirm/{uid}/{token}",
});

/// <summary>
/// An e-mail change that takes effect only when the new address confirms it (beyond djoser, djoser #284, #442): set
/// username (the sample's username field is the e-mail) answers djoser's 204 and changes nothing; the new address gets
/// the link of <c>POST /email/confirm/</c>, the old one a notice.
/// </summary>
public sealed class EmailChangeTests(EmailChangeApp app) : DjoserTestBase(app), IClassFixture<EmailChangeApp>
{
    private const string ConfirmPath = "/auth/email/confirm/";
    private const string LinkPath = "email/confirm";

    [Fact]
    public async Task SetEmail_KeepsTheAddress_LinksTheNewOne_TellsTheOldOne()
    {
        var (email, token) = await ActiveUserAsync();
        var newEmail = NewEmail();
        (await AskAsync(token, newEmail)).IsEmpty(HttpStatusCode.NoContent);

        Assert.Equal(email, (await Client.GetAsync("/auth/me/", token)).Json!["email"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email)).Status);

        var confirmation = LastEmailTo(newEmail);
        Assert.Equal("Confirm your new e-mail address on Djoser sample", confirmation.Subject);
        Assert.Contains(newEmail, confirmation.TextBody);
        var (uid, linkToken) = LinkIn(newEmail, LinkPath);
        Assert.Equal(DjoserUid.Encode(await UserIdAsync(email)), uid);
        Assert.DoesNotContain("Account activation", confirmation.Subject);

        // The app's clock stands still, so the pickup folder's names do not order this test's e-mails: pick by subject.
        var notice = Assert.Single(App.Emails, m => m.To.Mailboxes.Any(b => b.Address == email) && m.Subject == "Djoser sample - a change of your e-mail address was asked");
        var masked = newEmail[0] + "***@example.com";
        Assert.Contains(masked, notice.TextBody);
        Assert.Contains(masked, notice.HtmlBody);
        Assert.DoesNotContain(newEmail, notice.TextBody + notice.HtmlBody);
        Assert.DoesNotContain(linkToken, notice.TextBody + notice.HtmlBody);
        Assert.DoesNotContain("#/", notice.TextBody);
    }

    [Fact]
    public async Task Confirm_ChangesEmailAndUsername_UserStaysActive()
    {
        var (email, token) = await ActiveUserAsync();
        var newEmail = NewEmail();
        (await AskAsync(token, newEmail)).IsEmpty(HttpStatusCode.NoContent);
        var (uid, linkToken) = LinkIn(newEmail, LinkPath);

        (await Client.PostJsonAsync(ConfirmPath, new { uid, token = linkToken })).IsEmpty(HttpStatusCode.NoContent);

        Assert.Equal(newEmail, (await Client.GetAsync("/auth/me/", token)).Json!["email"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(newEmail)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(email)).Status);
    }

    [Fact]
    public async Task Confirm_Reused_IsAnInvalidToken()
    {
        var (_, token) = await ActiveUserAsync();
        var newEmail = NewEmail();
        await AskAsync(token, newEmail);
        var (uid, linkToken) = LinkIn(newEmail, LinkPath);
        (await Client.PostJsonAsync(ConfirmPath, new { uid, token = linkToken })).IsEmpty(HttpStatusCode.NoContent);

        (await Client.PostJsonAsync(ConfirmPath, new { uid, token = linkToken }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}""");
    }

    [Fact]
    public async Task Confirm_AddressTakenMeanwhile_Returns400_AndChangesNothing()
    {
        var (email, token) = await ActiveUserAsync();
        var newEmail = NewEmail();
        await AskAsync(token, newEmail);
        var (uid, linkToken) = LinkIn(newEmail, LinkPath);
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(newEmail)).Status);

        (await Client.PostJsonAsync(ConfirmPath, new { uid, token = linkToken }))
            .Is(HttpStatusCode.BadRequest, """{"email":["user with this email address already exists."]}""");
        Assert.Equal(email, (await Client.GetAsync("/auth/me/", token)).Json!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task SetEmail_AddressTaken_ReturnsDjoserFieldError_AndSendsNothing()
    {
        var (email, token) = await ActiveUserAsync();
        var (other, _) = await ActiveUserAsync();
        var before = EmailCountTo(email);
        (await AskAsync(token, other)).Is(HttpStatusCode.BadRequest, """{"new_email":["user with this email address already exists."]}""");
        Assert.Equal(before, EmailCountTo(email));
    }

    [Fact]
    public async Task Confirm_AddressSwappedInTheToken_IsAnInvalidToken()
    {
        var (_, token) = await ActiveUserAsync();
        var newEmail = NewEmail();
        await AskAsync(token, newEmail);
        var (uid, linkToken) = LinkIn(newEmail, LinkPath);
        var forged = DjoserUid.Encode("attacker@example.com") + linkToken[linkToken.IndexOf('.', StringComparison.Ordinal)..];

        (await Client.PostJsonAsync(ConfirmPath, new { uid, token = forged }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}""");
        (await Client.PostJsonAsync(ConfirmPath, new { uid, token = "not-a-token" }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}""");
    }

    [Fact]
    public async Task Confirm_OtherUsersUid_OrUnknownUid_IsRefused()
    {
        var (_, token) = await ActiveUserAsync();
        var (other, _) = await ActiveUserAsync();
        var newEmail = NewEmail();
        await AskAsync(token, newEmail);
        var (_, linkToken) = LinkIn(newEmail, LinkPath);

        (await Client.PostJsonAsync(ConfirmPath, new { uid = DjoserUid.Encode(await UserIdAsync(other)), token = linkToken }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}""");
        (await Client.PostJsonAsync(ConfirmPath, new { uid = "bm9ib2R5", token = linkToken }))
            .Is(HttpStatusCode.BadRequest, """{"uid":["Invalid user id or user doesn't exist."]}""");
        (await Client.PostJsonAsync(ConfirmPath, new { }))
            .Is(HttpStatusCode.BadRequest, """{"uid":["This field is required."],"token":["This field is required."]}""");
    }

    [Fact]
    public async Task Confirm_AfterAnotherChangeWasConfirmed_IsAnInvalidToken()
    {
        var (_, token) = await ActiveUserAsync();
        var first = NewEmail();
        var second = NewEmail();
        await AskAsync(token, first);
        await AskAsync(token, second);
        var firstLink = LinkIn(first, LinkPath);
        var secondLink = LinkIn(second, LinkPath);

        (await Client.PostJsonAsync(ConfirmPath, new { uid = secondLink.Uid, token = secondLink.Token })).IsEmpty(HttpStatusCode.NoContent);
        (await Client.PostJsonAsync(ConfirmPath, new { uid = firstLink.Uid, token = firstLink.Token }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}""");
        Assert.Equal(second, (await Client.GetAsync("/auth/me/", token)).Json!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Confirm_AfterTheLinkLifetime_IsAnInvalidToken()
    {
        var (email, token) = await ActiveUserAsync();
        var newEmail = NewEmail();
        await AskAsync(token, newEmail);
        var (uid, linkToken) = LinkIn(newEmail, LinkPath);

        ((EmailChangeApp)App).Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        (await Client.PostJsonAsync(ConfirmPath, new { uid, token = linkToken }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}""");
        Assert.Equal(email, (await Client.GetAsync("/auth/me/", token)).Json!["email"]!.GetValue<string>());
    }

    [Fact]
    public void RouteTable_MatchesSnapshot()
    {
        App.CreateClient().Dispose();
        RouteTableTests.Verify("V1-EmailChange", App.Services);
    }

    [Fact]
    public async Task OpenApi_MatchesSnapshot_AndTheRootListsTheConfirm()
    {
        using var client = App.CreateClient();
        var json = (await client.GetStringAsync("/openapi/v1.json")).ReplaceLineEndings("\n");
        SnapshotFile.Verify(Path.Combine(SourceDirectory(), "OpenApi"), "V1-EmailChange", "json", json, "The V1-EmailChange OpenAPI document");
        var body = JsonNode.Parse(json)!["paths"]![ConfirmPath]!["post"]!;
        Assert.NotNull(body["responses"]!["204"]);

        var root = await Client.GetAsync("/auth/");
        Assert.Equal("http://localhost/auth/email/confirm/", root.Json!["email_change_confirm"]!.GetValue<string>());
    }

    private Task<DjoserResponse> AskAsync(string token, string newEmail) =>
        Client.PostJsonAsync("/auth/email/", new { new_email = newEmail, current_password = Password }, token);

    internal static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Djoser.Sample.AppUser>>();
        return (await users.FindByNameAsync(email))!.Id;
    }
}

/// <summary>The opt-in on djoser 2.3's layout: <c>/users/set_email/</c>, then <c>/users/email_change_confirm/</c>.</summary>
public sealed class EmailChangeV2Tests(EmailChangeV2App app) : DjoserTestBase(app), IClassFixture<EmailChangeV2App>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    [Fact]
    public async Task SetEmail_ThenConfirm_ChangesTheEmail_AndSendsTheUsernameChangedEmailThen()
    {
        var (email, token) = await ActiveUserAsync();
        var newEmail = NewEmail();
        (await Client.PostJsonAsync("/auth/users/set_email/", new { new_email = newEmail, current_password = Password }, token)).IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(email, (await Client.GetAsync("/auth/users/me/", token)).Json!["email"]!.GetValue<string>());
        Assert.DoesNotContain(App.Emails, m => (m.Subject ?? "").EndsWith("your username was changed", StringComparison.Ordinal));
        Assert.Contains(newEmail[0] + "***@example.com", LastEmailTo(email).TextBody);

        var (uid, linkToken) = LinkIn(newEmail, "email/confirm");
        (await Client.PostJsonAsync("/auth/users/email_change_confirm/", new { uid, token = "wrong" }))
            .Is(HttpStatusCode.BadRequest, """{"token":["Invalid token for given user."]}""");
        (await Client.PostJsonAsync("/auth/users/email_change_confirm/", new { uid, token = linkToken })).IsEmpty(HttpStatusCode.NoContent);

        Assert.Equal(newEmail, (await Client.GetAsync("/auth/users/me/", token)).Json!["email"]!.GetValue<string>());
        Assert.EndsWith("your username was changed", LastEmailTo(newEmail).Subject);
        (await Client.PostJsonAsync("/auth/users/email_change_confirm/", new { uid, token = linkToken }))
            .Is(HttpStatusCode.BadRequest, """{"token":["Invalid token for given user."]}""");
    }

    [Fact]
    public void RouteTable_MatchesSnapshot()
    {
        App.CreateClient().Dispose();
        RouteTableTests.Verify("V2-EmailChange", App.Services);
    }

    [Fact]
    public async Task OpenApi_MatchesSnapshot()
    {
        using var client = App.CreateClient();
        var json = (await client.GetStringAsync("/openapi/v1.json")).ReplaceLineEndings("\n");
        SnapshotFile.Verify(Path.Combine(EmailChangeTests.SourceDirectory(), "OpenApi"), "V2-EmailChange", "json", json, "The V2-EmailChange OpenAPI document");
    }
}

/// <summary>Without the opt-in (djoser's behaviour): the change is immediate and the confirm URL is not mounted.</summary>
public sealed class EmailChangeOffTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Fact]
    public async Task SetEmail_ChangesAtOnce_AndTheConfirmIsNotMounted()
    {
        var (email, token) = await ActiveUserAsync();
        var newEmail = NewEmail();
        (await Client.PostJsonAsync("/auth/email/", new { new_email = newEmail, current_password = Password }, token)).IsEmpty(HttpStatusCode.NoContent);

        Assert.Contains("Account activation on", LastEmailTo(newEmail).Subject);
        Assert.DoesNotContain(App.Emails, m => m.To.Mailboxes.Any(b => b.Address == email) && (m.Subject ?? "").Contains("e-mail address", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostJsonAsync("/auth/email/confirm/", new { uid = "MQ", token = "x" })).Status);
        Assert.False((await Client.GetAsync("/auth/")).Json!.AsObject().ContainsKey("email_change_confirm"));
    }
}

/// <summary>The username sample (e-mail a plain field) on djoser 1.1's layout with the opt-in.</summary>
public sealed class EmailChangeUsernameApp() : UsernameSampleApp(new Dictionary<string, string?>
{
    ["Djoser:UrlLayout"] = "V1",
    ["Djoser:Email:ConfirmEmailChange"] = "true",
    ["Djoser:EmailChangeConfirmUrl"] = "#/email/confirm/{uid}/{token}",
});

/// <summary>PUT/PATCH of the current user where <c>email</c> is an updatable field: the e-mail waits, the rest is saved.</summary>
public sealed class EmailChangeUpdateTests(EmailChangeUsernameApp app) : IClassFixture<EmailChangeUsernameApp>
{
    private readonly DjoserClient _client = app.CreateDjoserClient();

    [Fact]
    public async Task PatchEmail_AnswersTheUnchangedUser_ThenTheConfirmChangesOnlyTheEmail()
    {
        var username = "ann" + Guid.NewGuid().ToString("N")[..8];
        var email = username + "@example.com";
        var newEmail = "new-" + email;
        Assert.Equal(HttpStatusCode.Created,
            (await _client.PostJsonAsync("/auth/users/create/", new { username, email, password = "djoser" })).Status);
        var login = await _client.PostJsonAsync("/auth/token/create/", new { username, password = "djoser" });
        var token = login.Json!["auth_token"]!.GetValue<string>();

        var patched = await _client.SendJsonAsync(HttpMethod.Patch, "/auth/me/", new { email = newEmail }, token);
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(email, patched.Json!["email"]!.GetValue<string>());
        Assert.Equal(email, (await _client.GetAsync("/auth/me/", token)).Json!["email"]!.GetValue<string>());

        var mail = app.DeliveredEmails();
        var notice = Assert.Single(mail, m => m.To.Mailboxes.Any(b => b.Address == email));
        Assert.Contains("n***@example.com", notice.TextBody, StringComparison.Ordinal);
        var confirmation = Assert.Single(mail, m => m.To.Mailboxes.Any(b => b.Address == newEmail));
        var link = System.Text.RegularExpressions.Regex.Match(confirmation.TextBody!, "#/email/confirm/([A-Za-z0-9_-]+)/([A-Za-z0-9_.-]+)");
        Assert.True(link.Success, confirmation.TextBody);

        (await _client.PostJsonAsync("/auth/email/confirm/", new { uid = link.Groups[1].Value, token = link.Groups[2].Value })).IsEmpty(HttpStatusCode.NoContent);
        var me = (await _client.GetAsync("/auth/me/", token)).Json!;
        Assert.Equal(newEmail, me["email"]!.GetValue<string>());
        Assert.Equal(username, me["username"]!.GetValue<string>());
    }
}

/// <summary>The opt-in without its link setting does not start.</summary>
public sealed class EmailChangeStartupTests
{
    [Fact]
    public void Start_OptInWithoutConfirmUrl_FailsNamingTheKey()
    {
        using var app = new WithoutUrlApp();
        var exception = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Djoser:EmailChangeConfirmUrl is required because Djoser:Email:ConfirmEmailChange is true", exception.Message, StringComparison.Ordinal);
    }

    private sealed class WithoutUrlApp() : DjoserApp(new Dictionary<string, string?> { ["Djoser:Email:ConfirmEmailChange"] = "true" });
}
