using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Djoser.Redis;

/// <summary>
/// The one <see cref="IConnectionMultiplexer"/> of the application. It never blocks start-up on a server that is down
/// (<c>abortConnect=false</c>) and fails commands at once while disconnected (<see cref="BacklogPolicy.FailFast"/>)
/// instead of queueing them, so djoser falls back at once: no cache, the in-process throttle.
/// </summary>
/// <remarks>
/// The connection is made asynchronously while the application starts (<see cref="DjoserRedisConnector"/> awaits the
/// first attempt, so the server listens with the connection up, or with it known to be down). A request never waits
/// on the connect (issue 13: a first burst of requests used to block one thread each behind a synchronous connect);
/// while no server answers, <see cref="Database"/> is <see langword="null"/> and readers take their fallback. Only
/// <see cref="ConnectedAsync"/>, for a revocation that must reach Redis before its request answers, waits for it.
/// </remarks>
internal sealed class DjoserRedisConnection : IDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer;

    public DjoserRedisConnection(IOptions<DjoserRedisOptions> options, ILogger<DjoserRedisConnection> logger)
    {
        KeyPrefix = options.Value.KeyPrefix;
        _multiplexer = new(async () =>
        {
            var configuration = ConfigurationOptions.Parse(options.Value.Configuration!);
            configuration.AbortOnConnectFail = false;
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
            multiplexer.ConnectionFailed += (_, e) => Log.ConnectionFailed(logger, e.EndPoint?.ToString() ?? "?", e.FailureType);
            multiplexer.ConnectionRestored += (_, e) => Log.ConnectionRestored(logger, e.EndPoint?.ToString() ?? "?");
            return multiplexer;
        });
    }

    /// <summary>What every key starts with (<see cref="DjoserRedisOptions.KeyPrefix"/>).</summary>
    public string KeyPrefix { get; }

    /// <summary>The database, or <see langword="null"/> while no server is connected (or the connect is still under way).</summary>
    public IDatabase? Database =>
        _multiplexer.Value is { IsCompletedSuccessfully: true } connecting && connecting.Result.IsConnected ? connecting.Result.GetDatabase() : null;

    /// <summary>The multiplexer once its first connect attempt has ended (it keeps reconnecting in the background).</summary>
    public Task<IConnectionMultiplexer> ConnectedAsync() => _multiplexer.Value;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            _multiplexer.Value.Result.Dispose();
        }
    }
}

/// <summary>
/// Connects to Redis while the application starts, before the server listens: the first requests then already count
/// their throttles and check their revocations in Redis. With <c>abortConnect=false</c> the first attempt ends at
/// once when the server refuses, and within the connect timeout when it does not answer; the start never fails on it.
/// </summary>
internal sealed class DjoserRedisConnector(DjoserRedisConnection connection) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => connection.ConnectedAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
