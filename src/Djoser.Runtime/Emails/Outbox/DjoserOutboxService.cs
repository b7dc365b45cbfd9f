using Djoser.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Djoser.Emails.Outbox;

/// <summary>
/// The hosted background dispatcher: a pass at start (a restart loses nothing), then one whenever a request of this
/// instance commits e-mails, and otherwise every <c>Djoser:Email:Outbox:PollInterval</c> (other instances' rows,
/// retries). A failed pass (the database away) is logged and tried again at the next one; it never stops the host.
/// </summary>
internal sealed class DjoserOutboxService(
    IDjoserOutboxDispatcher dispatcher,
    DjoserOutboxSignal signal,
    IOptions<DjoserOptions> options,
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

            try
            {
                await signal.WaitAsync(outbox.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
