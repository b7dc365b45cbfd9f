using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Emails.Outbox;
using Djoser.Endpoints;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>The parts of <c>Djoser:Email:ConfirmEmailChange</c> (issue 10) that need no server: settings, token, texts.</summary>
public sealed class EmailChangeTests : IDisposable
{
    private readonly TestHost _host = new(settings: new()
    {
        ["Djoser:Email:ConfirmEmailChange"] = "true",
        ["Djoser:EmailChangeConfirmUrl"] = "#/email/confirm/{uid}/{token}",
    });

    public void Dispose() => _host.Dispose();

    private static string[] Failures(DjoserOptions options) =>
        [.. new DjoserEmailChangeOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void Validate_OptInWithoutUrl_FailsNamingTheKey()
    {
        var options = new DjoserOptions();
        options.Email.ConfirmEmailChange = true;
        Assert.Equal(
            ["Djoser:EmailChangeConfirmUrl is required because Djoser:Email:ConfirmEmailChange is true, and the e-mail to a new address links to it: "
                + "set it to the front end's path with {uid} and {token}, e.g. '#/email/confirm/{uid}/{token}'."],
            Failures(options));
    }

    [Fact]
    public void Validate_UrlWithoutToken_Fails_EvenWithTheOptInOff()
    {
        var options = new DjoserOptions { EmailChangeConfirmUrl = "#/email/confirm/{uid}" };
        Assert.Equal(["Djoser:EmailChangeConfirmUrl '#/email/confirm/{uid}' must contain both {uid} and {token}, e.g. '#/email/confirm/{uid}/{token}'."], Failures(options));
        options.Email.ConfirmEmailChange = true;
        Assert.Single(Failures(options));
    }

    [Fact]
    public void Validate_OptInOnV05_FailsNamingTheLayout()
    {
        var options = new DjoserOptions { UrlLayout = DjoserUrlLayout.V05, EmailChangeConfirmUrl = "#/email/confirm/{uid}/{token}" };
        options.Email.ConfirmEmailChange = true;
        Assert.Equal(["Djoser:Email:ConfirmEmailChange needs Djoser:UrlLayout V1 or V2, which map the confirm URL; V05 has none."], Failures(options));
    }

    [Fact]
    public void Validate_OffWithoutUrl_AndOnWithUrl_Succeed()
    {
        Assert.Empty(Failures(new DjoserOptions()));
        var options = new DjoserOptions { EmailChangeConfirmUrl = "#/email/confirm/{uid}/{token}" };
        options.Email.ConfirmEmailChange = true;
        Assert.Empty(Failures(options));
    }

    [Theory]
    [InlineData("nina@example.com", "n***@example.com")]
    [InlineData("n@example.com", "n***@example.com")]
    [InlineData("odd", "***")]
    [InlineData("@example.com", "***")]
    public void Mask_KeepsTheFirstCharacterAndTheDomain(string address, string masked) =>
        Assert.Equal(masked, DjoserAccountEmails<IdentityUser, string>.Mask(address));

    [Fact]
    public async Task Token_NamesTheNewAddress_AndOnlyThatOne()
    {
        var id = await _host.CreateUserAsync();
        await using var scope = _host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var tokens = scope.ServiceProvider.GetRequiredService<DjoserEmailChangeTokens<IdentityUser>>();
        var user = (await users.FindByIdAsync(id))!;

        var token = await tokens.GenerateAsync(user, "new@example.com");
        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", token);
        Assert.Equal("new@example.com", await tokens.ValidateAsync(user, token));

        var protectedPart = token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..];
        Assert.Null(await tokens.ValidateAsync(user, DjoserUid.Encode("other@example.com") + "." + protectedPart));
        Assert.Null(await tokens.ValidateAsync(user, protectedPart));
        Assert.Null(await tokens.ValidateAsync(user, "." + protectedPart));

        // A token of the purpose minted without an address never confirms a change.
        var plain = await scope.ServiceProvider.GetRequiredService<IDjoserUserTokens<IdentityUser>>().GenerateAsync(user, DjoserTokenPurpose.EmailChange, default);
        Assert.Null(await tokens.ValidateAsync(user, DjoserUid.Encode("new@example.com") + "." + plain));

        // The fingerprint covers the e-mail: once the change is made, the link is spent.
        user.Email = "new@example.com";
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        Assert.Null(await tokens.ValidateAsync(user, token));
    }

    [Theory]
    [InlineData(DjoserUrlLayout.V05)]
    [InlineData(DjoserUrlLayout.V1)]
    [InlineData(DjoserUrlLayout.V2)]
    public void Templates_OfEveryEra_CarryTheLinkOrTheMaskedAddress(DjoserUrlLayout layout)
    {
        var renderer = new DjoserEmailRenderer(new DjoserEmailTemplates(layout));
        var context = new DjoserEmailContext("new@example.com", "ann", "app.example.com", "Example", "https",
            Uid: "MQ", Token: "bmV3.tok", Url: "#/email/confirm/MQ/bmV3.tok", NewEmail: "new<b>@example.com");

        var confirmation = renderer.Render(DjoserEmailKind.EmailChangeConfirmation, context);
        Assert.Equal("Confirm your new e-mail address on Example", confirmation.Subject);
        Assert.Contains("https://app.example.com/#/email/confirm/MQ/bmV3.tok", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("new&lt;b&gt;@example.com", confirmation.HtmlBody, StringComparison.Ordinal);

        var notice = renderer.Render(DjoserEmailKind.EmailChangeNotice, context with { To = "ann@example.com", Uid = null, Token = null, Url = null, NewEmail = "n***@example.com" });
        Assert.Equal("Example - a change of your e-mail address was asked", notice.Subject);
        Assert.Contains("to n***@example.com.", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("stays ann@example.com", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("://", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_SendsTheLinkToTheNewAddress_WhichIsNotTheUsersYet_AndTheNoticeToTheOld()
    {
        var id = await _host.CreateUserAsync();
        await QueueChangeAsync(id, "new@example.com");
        Assert.Equal(2, await _host.Services.GetRequiredService<IDjoserOutboxDispatcher>().DispatchDueAsync(default));

        var rows = await _host.OutboxAsync();
        Assert.All(rows, row => Assert.NotNull(row.SentAt));
        Assert.Equal(["ann@example.com", "new@example.com"], rows.Select(r => r.Recipient).Order(StringComparer.Ordinal));
        var mail = DjoserMail();
        var confirmation = Assert.Single(mail, m => m.To.Mailboxes.Single().Address == "new@example.com");
        Assert.Contains("https://example.com/#/email/confirm/", confirmation.TextBody, StringComparison.Ordinal);
        var notice = Assert.Single(mail, m => m.To.Mailboxes.Single().Address == "ann@example.com");
        Assert.Contains("n***@example.com", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_DropsTheLink_OnceTheAddressItChangesFromIsGone()
    {
        var id = await _host.CreateUserAsync();
        await QueueChangeAsync(id, "new@example.com");
        await using (var scope = _host.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByIdAsync(id))!;
            user.Email = "other@example.com";
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        await _host.Services.GetRequiredService<IDjoserOutboxDispatcher>().DispatchDueAsync(default);
        var confirmation = Assert.Single(await _host.OutboxAsync(), r => r.Kind == DjoserEmailKind.EmailChangeConfirmation);
        Assert.Null(confirmation.SentAt);
        Assert.Contains("address changed", confirmation.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(DjoserMail(), m => m.To.Mailboxes.Single().Address == "new@example.com");
    }

    private async Task QueueChangeAsync(string id, string newEmail)
    {
        await using var scope = _host.Scope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id))!;
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var emails = scope.ServiceProvider.GetRequiredService<DjoserAccountEmails<IdentityUser, string>>();
        Assert.Null(await emails.InTransactionAsync(
            async () =>
            {
                await emails.QueueEmailChangeAsync(http, user, newEmail);
                return null;
            },
            default));
    }

    private List<MimeKit.MimeMessage> DjoserMail() =>
        Directory.Exists(_host.PickupDirectory)
            ? Directory.GetFiles(_host.PickupDirectory, "*.eml").Select(path => MimeKit.MimeMessage.Load(path)).ToList()
            : [];
}
