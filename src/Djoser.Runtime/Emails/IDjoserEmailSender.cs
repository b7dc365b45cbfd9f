namespace Djoser.Emails;

/// <summary>
/// Renders and delivers djoser's e-mails. The default composes the message with <see cref="DjoserEmailComposer"/>
/// (djoser's templates or the application's overrides) and delivers it with <see cref="IDjoserEmailTransport"/> (the
/// pickup folder or SMTP, per <c>Djoser:Email:Delivery</c>); replace this interface in DI to take over both, or only
/// <see cref="IDjoserEmailTransport"/> to deliver djoser's messages another way.
/// </summary>
public interface IDjoserEmailSender
{
    /// <summary>Renders the e-mail of <paramref name="kind"/> for <paramref name="context"/> and delivers it.</summary>
    Task SendAsync(DjoserEmailKind kind, DjoserEmailContext context, CancellationToken cancellationToken);
}
