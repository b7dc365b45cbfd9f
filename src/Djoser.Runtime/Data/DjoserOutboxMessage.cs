using Djoser.Emails;

namespace Djoser.Data;

/// <summary>
/// One account e-mail waiting to leave (the outbox): written in the same transaction as the change that causes it, and
/// delivered later by the background dispatcher. It holds no token and no link: the dispatcher loads the user by
/// <see cref="UserId"/> and mints the link when it sends, so a database dump yields nothing usable, and a row is
/// never sent after <see cref="ExpiresAt"/> (the link's own lifetime for link e-mails).
/// </summary>
public sealed class DjoserOutboxMessage
{
    /// <summary>The row's key.</summary>
    public Guid Id { get; set; }

    /// <summary>Which e-mail to send.</summary>
    public DjoserEmailKind Kind { get; set; }

    /// <summary>The user's primary key, as Identity's <c>GetUserIdAsync</c> writes it.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The address the e-mail goes to: the user's e-mail when it was queued.</summary>
    public string Recipient { get; set; } = string.Empty;

    /// <summary>The host links point at (<c>Djoser:Domain</c>, or the request's host with <c>Djoser:Email:UseRequestHost</c>).</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>Anything else a future kind needs to rebuild its message; never a secret.</summary>
    public string? Data { get; set; }

    /// <summary>When the row was queued.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The earliest time of the next delivery attempt.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>After this the e-mail is not sent any more (its link would no longer work).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>How many delivery attempts were made.</summary>
    public int Attempts { get; set; }

    /// <summary>The dispatcher instance holding the row, while <see cref="ClaimedUntil"/> has not passed.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>The end of the current claim's lease; another dispatcher may take the row after it.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>When the e-mail was delivered.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>When the dispatcher gave up (attempts exhausted, expired, or the user gone).</summary>
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>The last failure, truncated to <see cref="MaxErrorLength"/> characters.</summary>
    public string? LastError { get; set; }

    /// <summary>The longest <see cref="LastError"/> kept.</summary>
    public const int MaxErrorLength = 1000;
}
