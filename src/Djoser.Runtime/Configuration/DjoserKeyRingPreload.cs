using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Djoser.Configuration;

/// <summary>
/// Loads the data-protection key ring on the thread pool once the host has started, in place of the framework's own
/// start-up load, which runs on the start-up thread and so holds back the server by the whole load: on a key ring kept
/// in the database that is the application's first EF query, and on a fresh database also a new key, encrypted and
/// saved (issue 13 measured it at about half the sample's time to listen). The server listens meanwhile; the first
/// request that protects or unprotects waits for the same load, since the key ring provider loads once for all callers.
/// </summary>
/// <remarks>
/// It starts after the other hosted services' start (<see cref="StartedAsync"/>), not beside them: from the database its
/// first query made EF's first context, and so did djoser's start-up check of the wiring at the same moment; EF then
/// built its internal services twice, at once, on a cold start's two busy cores (issue 13: ~0.2 s of CPU, ~0.1 s of the
/// first answer).
/// <para>As with the framework's load, a failure is logged and does not stop the host: the key ring provider tries again on
/// the first request that needs it, and that request reports the error. The load is awaited when the host stops, so it
/// never outlives the services it uses.</para>
/// </remarks>
internal sealed partial class DjoserKeyRingPreload(IKeyRingProvider keyRing, ILogger<DjoserKeyRingPreload> logger) : IHostedLifecycleService
{
    private Task _load = Task.CompletedTask;

    /// <summary>The load started by <see cref="StartedAsync"/>; completes without throwing.</summary>
    internal Task Load => _load;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _load = Task.Run(LoadKeyRing, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _load.WaitAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void LoadKeyRing()
    {
        try
        {
            KeyRingPreloaded(logger, keyRing.GetCurrentKeyRing().DefaultKeyId);
        }
        catch (Exception exception)
        {
            KeyRingPreloadFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "The data-protection key ring was loaded in the background once the host had started; default key {KeyId:B}.")]
    private static partial void KeyRingPreloaded(ILogger logger, Guid keyId);

    // A warning, where the framework's own start-up load logs information: with the keys unreadable every token and
    // e-mailed link fails until it is fixed (a wrong certificate, the database away).
    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "The data-protection key ring failed to load in the background once the host had started; the first request that needs it tries again.")]
    private static partial void KeyRingPreloadFailed(ILogger logger, Exception exception);
}
