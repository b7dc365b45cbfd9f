namespace Djoser.Emails.Outbox;

/// <summary>
/// Delivers the outbox's due e-mails. The background dispatcher calls it on every pass; a test, a maintenance command
/// or a host without the background dispatcher (<c>Djoser:Email:Outbox:RunDispatcher = false</c>) may call it to drain
/// the outbox at a moment of its choosing.
/// </summary>
public interface IDjoserOutboxDispatcher
{
    /// <summary>
    /// Claims and handles every e-mail due now (sent, retried later, failed or expired) and returns how many it handled.
    /// Passes of one instance never overlap, so when it returns no e-mail claimed by this instance is still in flight.
    /// </summary>
    Task<int> DispatchDueAsync(CancellationToken cancellationToken);
}
