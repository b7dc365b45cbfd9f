using Djoser.Configuration;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Djoser.Emails;

/// <summary>The default <see cref="IDjoserEmailTransport"/>: the pickup folder or SMTP, as <c>Djoser:Email:Delivery</c> says.</summary>
internal sealed class DjoserEmailTransport : IDjoserEmailTransport
{
    private readonly IOptions<DjoserOptions> _options;
    private readonly DjoserPickupDirectoryTransport _pickup;
    private readonly DjoserSmtpTransport _smtp;

    public DjoserEmailTransport(IOptions<DjoserOptions> options, DjoserPickupDirectoryTransport pickup, DjoserSmtpTransport smtp)
    {
        _options = options;
        _pickup = pickup;
        _smtp = smtp;
    }

    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken) => _options.Value.Email.Delivery switch
    {
        DjoserEmailDelivery.Smtp => _smtp.SendAsync(message, cancellationToken),
        _ => _pickup.SendAsync(message, cancellationToken),
    };
}
