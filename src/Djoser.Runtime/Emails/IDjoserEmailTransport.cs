using MimeKit;

namespace Djoser.Emails;

/// <summary>
/// Delivers a composed message. The default follows <c>Djoser:Email:Delivery</c>: the pickup folder or SMTP; replace it
/// in DI to hand messages to another service (an HTTP mail API, a queue) while keeping djoser's templates.
/// </summary>
public interface IDjoserEmailTransport
{
    /// <summary>Delivers <paramref name="message"/>; throws when it was not accepted.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
