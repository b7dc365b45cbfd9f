using Djoser.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Djoser.Emails.Outbox;

/// <summary>
/// The hosted background dispatcher: a pass whenever a request of this instance commits e-mails, and otherwise every
/// <c>Djoser:Email:Outbox:PollInterval</c> (rows left by a restart or by other instances, retries), so a restart loses
/// nothing. A failed pass (the database away) is logged and tried again at the next one; it never stops the host.
/// </summary>
/// <remarks>
/// The first pass waits like any other, until the application has started and then for a commit or one poll interval:
/// at start-up its queries would only compete with the first requests (issue 13), and what a restart left is not late
/// by one interval more than another instance's rows always are.
/// </remarks>
internal sealed class DjoserOutboxService(
    IDjoserOutboxDispatcher dispatcher,
    DjoserOutboxSignal signal,
    IOptions<DjoserOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<DjoserOutboxService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var outbox = options.Value.Email.Outbox;
        if (!outbox.RunDispatcher)
        {
            Log.OutboxDispatcherOff(logger);
            return;
        }

        if (!await WaitAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Log.OutboxPassFailed(logger, exception);
            }

            if (!await signal.TryWaitAsync(outbox.PollInterval, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Until the application has started, then for a commit or one poll interval; <see langword="false"/> when stopping.</summary>
    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetResult()))
        {
            await started.Task.ConfigureAwait(false);
        }

        return !stoppingToken.IsCancellationRequested
            && await signal.TryWaitAsync(options.Value.Email.Outbox.PollInterval, stoppingToken).ConfigureAwait(false);
    }
}
