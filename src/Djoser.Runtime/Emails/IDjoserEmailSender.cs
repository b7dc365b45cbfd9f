namespace Djoser.Emails;

/// <summary>
/// Renders and delivers djoser's e-mails. The default renders the built-in templates and writes <c>.eml</c> files to
/// <c>Djoser:Email:PickupDirectory</c>; replace it in DI to send over SMTP or through a queue.
/// </summary>
public interface IDjoserEmailSender
{
    /// <summary>Renders the e-mail of <paramref name="kind"/> for <paramref name="context"/> and delivers it.</summary>
    Task SendAsync(DjoserEmailKind kind, DjoserEmailContext context, CancellationToken cancellationToken);
}
