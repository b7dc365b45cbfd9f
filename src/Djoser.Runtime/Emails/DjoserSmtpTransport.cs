using Djoser.Configuration;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Djoser.Emails;

/// <summary>
/// Sends each message to the SMTP server of <c>Djoser:Email:Smtp</c> through MailKit: connect with the configured TLS
/// mode, authenticate when a user name is set, send, disconnect. One connection per message keeps no state between
/// calls, so any caller (a request today, a background dispatcher later) may use it.
/// </summary>
internal sealed class DjoserSmtpTransport
{
    private readonly IOptions<DjoserOptions> _options;
    private readonly ILogger _logger;

    public DjoserSmtpTransport(IOptions<DjoserOptions> options, ILogger<DjoserSmtpTransport> logger)
    {
        _options = options;
        _logger = logger;
    }

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = _options.Value.Email.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new InvalidOperationException(DjoserEmailOptionsValidator.MissingSmtpHostMessage);
        }

        using var client = new SmtpClient { Timeout = checked((int)smtp.Timeout.TotalMilliseconds) };
        await client.ConnectAsync(smtp.Host, smtp.EffectivePort, SocketOptions(smtp.TlsMode), cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        Log.EmailSentBySmtp(_logger, smtp.Host, smtp.EffectivePort);
    }

    /// <summary>MailKit's options for a TLS mode; <c>None</c> is MailKit's <c>None</c> (never upgraded), not <c>Auto</c>.</summary>
    internal static SecureSocketOptions SocketOptions(DjoserSmtpTlsMode mode) => mode switch
    {
        DjoserSmtpTlsMode.None => SecureSocketOptions.None,
        DjoserSmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        DjoserSmtpTlsMode.Tls => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown TLS mode."),
    };
}
