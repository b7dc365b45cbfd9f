using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Endpoints;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Djoser.Runtime.Tests;

public sealed class EmailTests : IDisposable
{
    private static readonly DjoserEmailContext Link = new(
        To: "ann@example.com",
        Username: "ann",
        Domain: "example.com",
        SiteName: "Example",
        Protocol: "https",
        Uid: "MQ",
        Token: "tok-123",
        Url: "#/activate/MQ/tok-123");

    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData(DjoserEmailKind.Activation, "Account activation on Example")]
    [InlineData(DjoserEmailKind.Confirmation, "Example - your account was created and activated")]
    [InlineData(DjoserEmailKind.PasswordReset, "Password reset on Example")]
    [InlineData(DjoserEmailKind.PasswordChanged, "Example - your password was changed")]
    [InlineData(DjoserEmailKind.UsernameReset, "Username reset on Example")]
    [InlineData(DjoserEmailKind.UsernameChanged, "Example - your username was changed")]
    public void Subjects_of_the_default_era(DjoserEmailKind kind, string subject)
    {
        var rendered = new DjoserEmailRenderer().Render(kind, Link);
        Assert.Equal(subject, rendered.Subject);
        Assert.Contains("The Example team", rendered.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>The Example team</p>", rendered.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Activation_prints_the_link()
    {
        var rendered = new DjoserEmailRenderer().Render(DjoserEmailKind.Activation, Link);
        Assert.Equal(
            """
            You are getting this e-mail because your account on Example is not activated yet.

            Open the following page to activate it:
            https://example.com/#/activate/MQ/tok-123

            Thank you for using our site.

            The Example team
            """.ReplaceLineEndings("\n"),
            rendered.TextBody.ReplaceLineEndings("\n"));
        Assert.Contains("<a href=\"https://example.com/#/activate/MQ/tok-123\">https://example.com/#/activate/MQ/tok-123</a>", rendered.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_reset_names_the_username()
    {
        var rendered = new DjoserEmailRenderer().Render(DjoserEmailKind.PasswordReset, Link with { Url = "#/password/reset/confirm/MQ/tok-123" });
        Assert.Contains("a new password was requested for your account on Example.", rendered.TextBody, StringComparison.Ordinal);
        Assert.Contains("Open the following page to choose a new password:\nhttps://example.com/#/password/reset/confirm/MQ/tok-123\n", rendered.TextBody.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("In case you have forgotten it, your username is: ann", rendered.TextBody, StringComparison.Ordinal);
        Assert.Contains("your username is: <b>ann</b>", rendered.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirmation_says_ready_to_use()
    {
        var rendered = new DjoserEmailRenderer().Render(DjoserEmailKind.Confirmation, Link with { Uid = null, Token = null, Url = null });
        Assert.StartsWith("Your account was created and activated; it is ready for use.", rendered.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_changed_says_changed_without_a_link()
    {
        var rendered = new DjoserEmailRenderer().Render(DjoserEmailKind.PasswordChanged, Link with { Uid = null, Token = null, Url = null });
        Assert.Equal(
            """
            The password of your account was changed.

            Thank you for using our site.

            The Example team
            """.ReplaceLineEndings("\n"),
            rendered.TextBody.ReplaceLineEndings("\n"));
        Assert.StartsWith("<p>The password of your account was changed.</p>", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("href", rendered.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Username_changed_says_changed_without_a_link()
    {
        var rendered = new DjoserEmailRenderer().Render(DjoserEmailKind.UsernameChanged, Link with { Uid = null, Token = null, Url = null });
        Assert.Equal(
            """
            The username of your account was changed.

            Thank you for using our site.

            The Example team
            """.ReplaceLineEndings("\n"),
            rendered.TextBody.ReplaceLineEndings("\n"));
        Assert.StartsWith("<p>The username of your account was changed.</p>", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("href", rendered.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Username_reset_prints_the_link_and_the_username()
    {
        var rendered = new DjoserEmailRenderer().Render(DjoserEmailKind.UsernameReset, Link with { Url = "#/username/reset/confirm/MQ/tok-123" });
        Assert.Equal(
            """
            You are getting this e-mail because a username reset was asked for your account on Example.

            Choose a new username on this page:
            https://example.com/#/username/reset/confirm/MQ/tok-123
            Your current username, should you need it: ann

            Thank you for using our site.

            The Example team
            """.ReplaceLineEndings("\n"),
            rendered.TextBody.ReplaceLineEndings("\n"));
        Assert.Contains(
            "<a href=\"https://example.com/#/username/reset/confirm/MQ/tok-123\">https://example.com/#/username/reset/confirm/MQ/tok-123</a>",
            rendered.HtmlBody,
            StringComparison.Ordinal);
        Assert.Contains("<p>Your current username, should you need it: <b>ann</b></p>", rendered.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DjoserEmailKind.PasswordChanged)]
    [InlineData(DjoserEmailKind.UsernameReset)]
    [InlineData(DjoserEmailKind.UsernameChanged)]
    public void Djoser2_emails_escape_values_in_html_only(DjoserEmailKind kind)
    {
        var rendered = new DjoserEmailRenderer().Render(kind, Link with { SiteName = "<b>A&B</b>" });
        Assert.Contains("<p>The &lt;b&gt;A&amp;B&lt;/b&gt; team</p>", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>A&B", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<b>A&B</b>", rendered.Subject, StringComparison.Ordinal);
        Assert.Contains("The <b>A&B</b> team", rendered.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Username_reset_escapes_the_link_and_username_in_html()
    {
        var rendered = new DjoserEmailRenderer().Render(
            DjoserEmailKind.UsernameReset,
            Link with { Username = "<ann>", Url = "#/u/MQ/tok?a=1&b=\"2\"" });
        Assert.Contains("href=\"https://example.com/#/u/MQ/tok?a=1&amp;b=&quot;2&quot;\"", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("should you need it: <b>&lt;ann&gt;</b></p>", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("https://example.com/#/u/MQ/tok?a=1&b=\"2\"", rendered.TextBody, StringComparison.Ordinal);
        Assert.Contains("should you need it: <ann>", rendered.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Username_reset_email_links_a_username_reset_token()
    {
        using var host = RecordingHost(out var sent);
        var id = await host.CreateUserAsync();
        await using var scope = host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException();

        await scope.ServiceProvider.GetRequiredService<DjoserAccountEmails<IdentityUser, string>>()
            .SendAsync(Request(scope), DjoserEmailKind.UsernameReset, user);

        var (kind, context) = Assert.Single(sent);
        Assert.Equal(DjoserEmailKind.UsernameReset, kind);
        Assert.Equal(("ann@example.com", "ann", "example.com", "example.com", "https"), (context.To, context.Username, context.Domain, context.SiteName, context.Protocol));
        Assert.Equal(DjoserUid.Encode(id), context.Uid);
        Assert.Equal($"#/username/reset/confirm/{context.Uid}/{context.Token}", context.Url);

        var tokens = scope.ServiceProvider.GetRequiredService<IDjoserUserTokens<IdentityUser>>();
        Assert.True(await tokens.ValidateAsync(user, DjoserTokenPurpose.UsernameReset, context.Token!, default));
        Assert.False(await tokens.ValidateAsync(user, DjoserTokenPurpose.PasswordReset, context.Token!, default));
    }

    [Theory]
    [InlineData(DjoserEmailKind.PasswordChanged)]
    [InlineData(DjoserEmailKind.UsernameChanged)]
    public async Task Changed_confirmations_carry_no_link_and_go_to_the_current_address(DjoserEmailKind kind)
    {
        using var host = RecordingHost(out var sent);
        var id = await host.CreateUserAsync();
        await using var scope = host.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id) ?? throw new InvalidOperationException();

        // When the e-mail is the username field, SetUsername has already written the new address (spec §3.2).
        user.Email = "ann@example.org";
        await scope.ServiceProvider.GetRequiredService<DjoserAccountEmails<IdentityUser, string>>().SendAsync(Request(scope), kind, user);

        var (sentKind, context) = Assert.Single(sent);
        Assert.Equal(kind, sentKind);
        Assert.Equal("ann@example.org", context.To);
        Assert.Equal((null, null, null), (context.Uid, context.Token, context.Url));
    }

    [Fact]
    public void Html_body_escapes_values_and_text_body_does_not()
    {
        var rendered = new DjoserEmailRenderer().Render(DjoserEmailKind.PasswordReset, Link with { SiteName = "<b>A&B</b>", Username = "<ann>" });
        Assert.Contains("&lt;b&gt;A&amp;B&lt;/b&gt;", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;ann&gt;", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>A&B", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Password reset on <b>A&B</b>", rendered.Subject, StringComparison.Ordinal);
        Assert.Contains("your username is: <ann>", rendered.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pickup_sender_writes_one_eml()
    {
        var sender = _host.Services.GetRequiredService<IDjoserEmailSender>();
        await sender.SendAsync(DjoserEmailKind.Activation, Link, default);

        var file = Assert.Single(Directory.GetFiles(_host.PickupDirectory));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        Assert.StartsWith("20240501-120000-", Path.GetFileName(file), StringComparison.Ordinal);

        using var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("Account activation on Example", message.Subject);
        Assert.Equal("ann@example.com", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("webmaster@example.com", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(_host.Time.GetUtcNow(), message.Date);
        Assert.Contains("https://example.com/#/activate/MQ/tok-123", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/#/activate/MQ/tok-123\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("multipart/alternative", message.Body!.ContentType.MimeType);
    }

    [Fact]
    public async Task Two_emails_get_two_files()
    {
        var sender = _host.Services.GetRequiredService<IDjoserEmailSender>();
        await sender.SendAsync(DjoserEmailKind.Activation, Link, default);
        await sender.SendAsync(DjoserEmailKind.Confirmation, Link, default);
        Assert.Equal(2, Directory.GetFiles(_host.PickupDirectory, "*.eml").Length);
        Assert.Empty(Directory.GetFiles(_host.PickupDirectory, "*.tmp"));
    }

    [Fact]
    public void Missing_pickup_directory_fails_at_startup_naming_the_setting()
    {
        using var host = new TestHost(settings: new() { ["Djoser:Email:PickupDirectory"] = "" });
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DjoserOptions>>().Value);
        Assert.Contains("Djoser:Email:PickupDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_pickup_directory_fails_at_send_time_too()
    {
        var options = Options.Create(new DjoserOptions());
        var transport = new DjoserPickupDirectoryTransport(options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<DjoserPickupDirectoryTransport>.Instance);
        using var message = new DjoserEmailComposer(new DjoserEmailRenderer(), options, TimeProvider.System).Compose(DjoserEmailKind.Activation, Link);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => transport.SendAsync(message, default));
        Assert.Contains("Djoser:Email:PickupDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Own_sender_needs_no_pickup_directory()
    {
        using var host = new TestHost(
            configure: services => services.AddSingleton<IDjoserEmailSender, RecordingSender>(),
            settings: new() { ["Djoser:Email:PickupDirectory"] = "" });
        Assert.NotNull(host.Services.GetRequiredService<IOptions<DjoserOptions>>().Value);
        Assert.IsType<RecordingSender>(host.Services.GetRequiredService<IDjoserEmailSender>());
    }

    [Fact]
    public void Own_sender_registered_after_AddDjoser_also_switches_the_check_off()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDjoserEmailSender, DjoserEmailSender>();
        services.AddSingleton<IDjoserEmailTransport, DjoserEmailTransport>();
        var validator = new DjoserPickupDirectoryValidator(services);
        Assert.True(validator.Validate(null, new DjoserOptions()).Failed);
        services.AddSingleton<IDjoserEmailSender, RecordingSender>();
        Assert.True(validator.Validate(null, new DjoserOptions()).Succeeded);
    }

    private static TestHost RecordingHost(out List<(DjoserEmailKind Kind, DjoserEmailContext Context)> sent)
    {
        var sender = new RecordingSender();
        sent = sender.Sent;
        return new TestHost(
            configure: services => services.AddSingleton<IDjoserEmailSender>(sender),
            settings: new() { ["Djoser:UsernameResetConfirmUrl"] = "#/username/reset/confirm/{uid}/{token}" });
    }

    private static DefaultHttpContext Request(AsyncServiceScope scope)
    {
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("example.com");
        return http;
    }

    private sealed class RecordingSender : IDjoserEmailSender
    {
        public List<(DjoserEmailKind Kind, DjoserEmailContext Context)> Sent { get; } = [];

        public Task SendAsync(DjoserEmailKind kind, DjoserEmailContext context, CancellationToken cancellationToken)
        {
            Sent.Add((kind, context));
            return Task.CompletedTask;
        }
    }
}
