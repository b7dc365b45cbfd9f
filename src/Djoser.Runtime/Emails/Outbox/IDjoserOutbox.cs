using Djoser.Data;
using Microsoft.AspNetCore.Http;

namespace Djoser.Emails.Outbox;

/// <summary>
/// Queues e-mails in the same database transaction as the change that causes them: the change and its e-mails are
/// saved together or not at all.
/// </summary>
internal interface IDjoserOutbox
{
    /// <summary>Adds <paramref name="message"/> to the current unit of work; it is saved by <see cref="InTransactionAsync"/>.</summary>
    void Add(DjoserOutboxMessage message);

    /// <summary>
    /// Runs <paramref name="change"/> and saves the e-mails it queued in one transaction (or inside the caller's own).
    /// The change answers <c>null</c> to commit, or the refusal to return after rolling back.
    /// </summary>
    Task<IResult?> InTransactionAsync(Func<Task<IResult?>> change, CancellationToken cancellationToken);
}
