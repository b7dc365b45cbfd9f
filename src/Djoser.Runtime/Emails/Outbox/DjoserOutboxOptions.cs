namespace Djoser.Emails.Outbox;

/// <summary>
/// The outbox under <c>Djoser:Email:Outbox</c>: how the background dispatcher polls, retries and leases queued e-mails.
/// Checked at start-up by <see cref="Configuration.DjoserEmailOptionsValidator"/>.
/// </summary>
public sealed class DjoserOutboxOptions
{
    /// <summary>
    /// Whether this instance runs the background dispatcher. Default true; turn it off on instances that should only
    /// queue (another instance on the same database then delivers).
    /// </summary>
    public bool RunDispatcher { get; set; } = true;

    /// <summary>How often the dispatcher looks for due e-mails besides being woken by this instance's requests. Default 15 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait before the first retry; each further retry waits twice as long. Default 30 seconds.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts. Default 1 hour.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before an e-mail is marked failed. Default 10.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// How long a dispatcher holds a claimed e-mail before another may take it; must exceed
    /// <c>Djoser:Email:Smtp:Timeout</c> so a slow send is never delivered twice. Default 2 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many due e-mails one claim query takes. Default 50.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long an e-mail without a link (confirmations) stays worth sending. Link e-mails expire with their link
    /// (<c>Djoser:PasswordResetTimeout</c>). Default 3 days.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// How long a sent or given-up e-mail's row is kept (for audit and support) before the dispatcher deletes it, at
    /// most once an hour. Default 7 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
