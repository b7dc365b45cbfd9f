using Djoser.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Runtime.Tests;

/// <summary><c>Djoser:Email:Url</c>: the SMTP server in one setting, and the start-up errors of a bad or doubled one.</summary>
public sealed class EmailUrlTests
{
    [Theory]
    [InlineData("smtp://smtp.example.com", "smtp.example.com", null, DjoserSmtpTlsMode.StartTls, null, null)]
    [InlineData("smtp://mailer:s%40cret%3A1@smtp.example.com:2587", "smtp.example.com", 2587, DjoserSmtpTlsMode.StartTls, "mailer", "s@cret:1")]
    [InlineData("smtps://mail%2Bbox:pw@mail.example.org:465", "mail.example.org", 465, DjoserSmtpTlsMode.Tls, "mail+box", "pw")]
    [InlineData("smtp+plain://127.0.0.1:2525", "127.0.0.1", 2525, DjoserSmtpTlsMode.None, null, null)]
    [InlineData("  smtp://[::1]:25/  ", "::1", 25, DjoserSmtpTlsMode.StartTls, null, null)]
    public void A_url_gives_host_port_encryption_and_account(string value, string host, int? port, DjoserSmtpTlsMode mode, string? user, string? password)
    {
        Assert.True(DjoserEmailUrl.TryParse(value, out var url, out var error), error);
        Assert.Equal(new DjoserEmailUrl(host, port, mode, user, password), url);
    }

    [Theory]
    [InlineData("smtp.example.com", "is not an SMTP URL")]
    [InlineData("http://smtp.example.com", "has the scheme 'http'")]
    [InlineData("smtp://smtp.example.com/relay", "no path, query or fragment")]
    [InlineData("smtp://smtp.example.com?tls=false", "no path, query or fragment")]
    [InlineData("smtp://mailer@smtp.example.com", "without both a user name and a password")]
    [InlineData("smtp://:secret@smtp.example.com", "without both a user name and a password")]
    public void A_bad_url_is_refused_naming_the_key(string value, string reason)
    {
        Assert.False(DjoserEmailUrl.TryParse(value, out _, out var error));
        Assert.StartsWith("Djoser:Email:Url ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_url_alone_turns_smtp_delivery_on()
    {
        using var host = new TestHost(settings: new() { ["Djoser:Email:Url"] = "smtp://mailer:secret@smtp.example.com:2587" });
        var email = host.Services.GetRequiredService<IOptions<DjoserOptions>>().Value.Email;

        Assert.Equal(DjoserEmailDelivery.Smtp, email.Delivery);
        Assert.Equal(("smtp.example.com", 2587, DjoserSmtpTlsMode.StartTls), (email.Smtp.Host, email.Smtp.EffectivePort, email.Smtp.TlsMode));
        Assert.Equal(("mailer", "secret"), (email.Smtp.UserName, email.Smtp.Password));
    }

    [Fact]
    public void Without_the_url_nothing_changes()
    {
        using var host = new TestHost();
        Assert.Equal(DjoserEmailDelivery.Pickup, host.Services.GetRequiredService<IOptions<DjoserOptions>>().Value.Email.Delivery);
    }

    [Theory]
    [InlineData("ftp://smtp.example.com", "has the scheme 'ftp'")]
    [InlineData("smtp://smtp.example.com", "Djoser:Email:Url and Djoser:Email:Smtp:Host are both set ('other.example.com')")]
    public void A_bad_or_doubled_url_stops_the_start(string value, string message)
    {
        using var host = new TestHost(settings: new()
        {
            ["Djoser:Email:Url"] = value,
            ["Djoser:Email:Smtp:Host"] = "other.example.com",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DjoserOptions>>().Value);
        Assert.Contains(failure.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }
}
