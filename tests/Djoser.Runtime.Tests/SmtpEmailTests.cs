using Djoser.Emails;
using Djoser.Endpoints;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Djoser.Runtime.Tests;

/// <summary>djoser's e-mails delivered to a real SMTP server (aiosmtpd) with <c>Djoser:Email:Delivery = Smtp</c>, TLS mode None.</summary>
public sealed class SmtpEmailTests(AiosmtpdServer server) : IClassFixture<AiosmtpdServer>
{
    [SmtpTheory]
    [InlineData(DjoserEmailKind.Activation, "Account activation on Example", "https://app.example.com/#/activate/")]
    [InlineData(DjoserEmailKind.Confirmation, "Example - your account was created and activated", null)]
    [InlineData(DjoserEmailKind.PasswordReset, "Password reset on Example", "https://app.example.com/#/password/reset/confirm/")]
    [InlineData(DjoserEmailKind.PasswordChanged, "Example - your password was changed", null)]
    [InlineData(DjoserEmailKind.UsernameReset, "Username reset on Example", "https://app.example.com/#/username/reset/confirm/")]
    [InlineData(DjoserEmailKind.UsernameChanged, "Example - your username was changed", null)]
    public async Task Each_kind_arrives_with_recipient_subject_link_and_both_parts(DjoserEmailKind kind, string subject, string? link)
    {
        server.Take();
        using var host = SmtpHost();
        var id = await host.CreateUserAsync();
        await SendAsync(host, kind, id);

        var message = Assert.Single(server.Take());
        Assert.Equal("ann@example.com", message.Headers["X-RcptTo"]);
        Assert.Equal("ann@example.com", Assert.Single(message.To.Mailboxes).Address);
        var from = Assert.Single(message.From.Mailboxes);
        Assert.Equal(("Example", "webmaster@example.com"), (from.Name, from.Address));
        Assert.Equal(subject, message.Subject);
        Assert.Equal("multipart/alternative", message.Body!.ContentType.MimeType);
        Assert.Contains("The Example team", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>The Example team</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("forged.example", message.TextBody + message.HtmlBody, StringComparison.Ordinal);
        if (link is null)
        {
            Assert.DoesNotContain("://", message.TextBody, StringComparison.Ordinal);
            return;
        }

        var expected = link + DjoserUid.Encode(id) + "/";
        Assert.Contains(expected, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"" + expected, message.HtmlBody, StringComparison.Ordinal);
    }

    [SmtpFact]
    public async Task A_template_override_is_used_and_the_others_stay_built_in()
    {
        var templates = Directory.CreateTempSubdirectory("djoser-templates-");
        try
        {
            File.WriteAllText(Path.Combine(templates.FullName, "password_reset.subject.liquid"), "Reset your {{ site_name }} password, {{ user.username }}");
            File.WriteAllText(Path.Combine(templates.FullName, "password_reset.text.liquid"), "Go to {{ protocol }}://{{ domain }}/{{ url }}\n");
            server.Take();
            using var host = SmtpHost(new() { ["Djoser:Email:TemplateDirectory"] = templates.FullName });
            var id = await host.CreateUserAsync();
            await SendAsync(host, DjoserEmailKind.PasswordReset, id);

            var message = Assert.Single(server.Take());
            Assert.Equal("Reset your Example password, ann", message.Subject);
            Assert.StartsWith("Go to https://app.example.com/#/password/reset/confirm/" + DjoserUid.Encode(id) + "/", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("Open the following page to choose a new password:", message.HtmlBody, StringComparison.Ordinal);
        }
        finally
        {
            templates.Delete(recursive: true);
        }
    }

    [SmtpFact]
    public async Task A_refused_connection_fails_the_send()
    {
        using var host = SmtpHost(new() { ["Djoser:Email:Smtp:Port"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var transport = host.Services.GetRequiredService<IDjoserEmailTransport>();
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("webmaster@example.com"));
        message.To.Add(MailboxAddress.Parse("ann@example.com"));
        message.Body = new TextPart("plain") { Text = "hello" };
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => transport.SendAsync(message, default));
    }

    [SmtpFact]
    public async Task StartTls_is_never_downgraded_to_plain_text()
    {
        // aiosmtpd here offers no STARTTLS: the StartTls mode must refuse to send rather than send in clear.
        server.Take();
        using var host = SmtpHost(new() { ["Djoser:Email:Smtp:TlsMode"] = "StartTls" });
        var id = await host.CreateUserAsync();
        await SendAsync(host, DjoserEmailKind.PasswordReset, id);

        // The outbox keeps the e-mail for a retry and records why it did not leave.
        var row = Assert.Single(await host.OutboxAsync());
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("STARTTLS", row.LastError, StringComparison.Ordinal);
        Assert.Empty(server.Take());
    }

    private TestHost SmtpHost(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Djoser:Domain"] = "app.example.com",
            ["Djoser:SiteName"] = "Example",
            ["Djoser:ActivationUrl"] = "#/activate/{uid}/{token}",
            ["Djoser:UsernameResetConfirmUrl"] = "#/username/reset/confirm/{uid}/{token}",
            ["Djoser:Email:From"] = "Example <webmaster@example.com>",
            ["Djoser:Email:Delivery"] = "Smtp",
            ["Djoser:Email:Smtp:Host"] = "127.0.0.1",
            ["Djoser:Email:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Djoser:Email:Smtp:TlsMode"] = "None",
            ["Djoser:Email:Smtp:Timeout"] = "00:00:10",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new TestHost(settings: settings);
    }

    /// <summary>Sends <paramref name="kind"/> as the endpoints do, from a request whose Host header is forged.</summary>
    private static async Task SendAsync(TestHost host, DjoserEmailKind kind, string id)
    {
        await using var scope = host.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id) ?? throw new InvalidOperationException();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("forged.example");
        await scope.ServiceProvider.GetRequiredService<DjoserAccountEmails<IdentityUser, string>>().SendAsync(http, kind, user);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
