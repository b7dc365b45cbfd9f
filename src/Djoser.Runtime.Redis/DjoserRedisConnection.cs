using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Djoser.Redis;

/// <summary>
/// The one <see cref="IConnectionMultiplexer"/> of the application, connected on first use. It never blocks start-up
/// on a server that is down (<c>abortConnect=false</c>) and fails commands at once while disconnected
/// (<see cref="BacklogPolicy.FailFast"/>) instead of queueing them, so djoser falls back at once: no cache, the
/// in-process throttle.
/// </summary>
internal sealed class DjoserRedisConnection : IDisposable
{
    private readonly Lazy<IConnectionMultiplexer> _multiplexer;

    public DjoserRedisConnection(IOptions<DjoserRedisOptions> options, ILogger<DjoserRedisConnection> logger)
    {
        KeyPrefix = options.Value.KeyPrefix;
        _multiplexer = new(() =>
        {
            var configuration = ConfigurationOptions.Parse(options.Value.Configuration!);
            configuration.AbortOnConnectFail = false;
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
            var multiplexer = ConnectionMultiplexer.Connect(configuration);
            multiplexer.ConnectionFailed += (_, e) => Log.ConnectionFailed(logger, e.EndPoint?.ToString() ?? "?", e.FailureType);
            multiplexer.ConnectionRestored += (_, e) => Log.ConnectionRestored(logger, e.EndPoint?.ToString() ?? "?");
            return multiplexer;
        });
    }

    /// <summary>What every key starts with (<see cref="DjoserRedisOptions.KeyPrefix"/>).</summary>
    public string KeyPrefix { get; }

    /// <summary>The multiplexer, connecting on first use.</summary>
    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <summary>The database, or <see langword="null"/> while no server is connected.</summary>
    public IDatabase? Database => Multiplexer is { IsConnected: true } multiplexer ? multiplexer.GetDatabase() : null;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}
