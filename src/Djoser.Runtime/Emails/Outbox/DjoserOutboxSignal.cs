namespace Djoser.Emails.Outbox;

/// <summary>
/// Wakes this instance's dispatcher as soon as a request commits queued e-mails, so no e-mail waits for the next poll
/// and no request waits for delivery. Wake-ups coalesce: several commits during one pass cause one more pass.
/// </summary>
internal sealed class DjoserOutboxSignal(TimeProvider time)
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Whether a wake-up is waiting for the dispatcher.</summary>
    internal bool Pending => _wake.CurrentCount > 0;

    /// <summary>Asks for a pass now.</summary>
    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending.
        }
    }

    /// <summary>
    /// <see cref="WaitAsync"/>, answering <see langword="false"/> instead of throwing when <paramref name="cancellationToken"/>
    /// (the host stopping) ends the wait.
    /// </summary>
    public async Task<bool> TryWaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits for <see cref="Notify"/> or <paramref name="timeout"/> (on the injected clock), whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _wake.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}
