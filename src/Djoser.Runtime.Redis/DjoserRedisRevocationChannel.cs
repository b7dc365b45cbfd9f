using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Djoser.Redis;

/// <summary>
/// The revocation channel that lets an instance trust its authentication cache without a Redis round trip per
/// request (issue 13): every revocation is published to every instance, which acknowledges it once handled, and the
/// revoking request answers only when every live instance has acknowledged, or when those that have not can no longer
/// be trusting their caches (<see cref="DjoserRevocationFeed.ServeWindow"/>).
/// </summary>
/// <remarks>
/// <para>
/// One script publishes each message (a heartbeat or a revocation) to <c>&lt;prefix&gt;{rev-feed}:events</c> with the
/// next value of <c>&lt;prefix&gt;{rev-feed}:sequence</c>, and keeps the registry of live instances,
/// <c>&lt;prefix&gt;{rev-feed}:instances</c> (a sorted set of instance ids by lease expiry on the Redis server's
/// clock), which it returns. Each instance sends a heartbeat every <see cref="HeartbeatInterval"/>, which renews its
/// lease; the lease (<see cref="RegistryLease"/>) outlasts the serve window, so an instance missing from the registry
/// has not been fresh since before the revocation was published.
/// </para>
/// <para>
/// Acknowledgements go to the revoking instance's own channel, <c>&lt;prefix&gt;{rev-feed}:ack:&lt;instance id&gt;</c>.
/// Until an instance is fresh (at start, after a lost connection, while Redis is down) it reads each user's version
/// from Redis instead (<see cref="DjoserRedisRevocationVersions"/>), exact the same way.
/// </para>
/// </remarks>
internal sealed class DjoserRedisRevocationChannel(
    DjoserRedisConnection connection,
    DjoserRevocationFeed feed,
    DjoserRevocationAcks acks,
    TimeProvider time,
    IOptions<DjoserRedisOptions> options,
    ILogger<DjoserRedisRevocationChannel> logger) : IHostedService, IDisposable
{
    /// <summary>How often this instance sends a heartbeat (a quarter of the serve window: three may be late or lost).</summary>
    public static readonly TimeSpan HeartbeatInterval = DjoserRevocationFeed.ServeWindow / 4;

    /// <summary>How long a heartbeat keeps its instance in the registry, on the Redis server's clock.</summary>
    public static readonly TimeSpan RegistryLease = DjoserRevocationFeed.ServeWindow + TimeSpan.FromMilliseconds(500);

    /// <summary>How long a revocation waits for acknowledgements: the serve window, and a margin for the clocks' rates.</summary>
    public static readonly TimeSpan AcknowledgementWait = DjoserRevocationFeed.ServeWindow + TimeSpan.FromMilliseconds(100);

    private const char Separator = '|';

    // Registry upkeep, numbering and publication in one step, so the numbers follow the order of publication.
    private static readonly LuaScript PublishScript = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', @instances, '-inf', now)
        if @lease ~= '0' then redis.call('ZADD', @instances, now + tonumber(@lease), @sender) end
        local sequence = redis.call('INCR', @sequence)
        redis.call('PUBLISH', @events, sequence .. '|' .. @message)
        return redis.call('ZRANGE', @instances, 0, -1)
        """);

    // Whether this instance listens (and so may become fresh); it publishes its revocations either way.
    private readonly bool _enabled = options.Value.RevocationChannel;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _heartbeats;
    private ChannelMessageQueue? _events;

    // Whether the subscription is believed up: heartbeats (which put this instance in the registry, so revocations wait
    // for it) are sent only then, so an instance that cannot hear the channel does not hold up every revocation.
    private volatile bool _listening;

    private string Events => connection.KeyPrefix + "{rev-feed}:events";

    private string AckChannelOf(string instance) => connection.KeyPrefix + "{rev-feed}:ack:" + instance;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_enabled)
        {
            _heartbeats = HeartbeatsAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_heartbeats is not null)
        {
            await _heartbeats.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Out of the registry at once: revocations stop waiting for this instance.
        if (_enabled && connection.Database is { } database)
        {
            try
            {
                await database.SortedSetRemoveAsync(connection.KeyPrefix + "{rev-feed}:instances", feed.InstanceId).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                Log.HeartbeatFailed(logger, exception);
            }
        }
    }

    /// <summary>
    /// Publishes the revocation of <paramref name="userKey"/> and completes once every live instance acknowledged it, or
    /// once <see cref="AcknowledgementWait"/> has passed, after which those that did not are no longer fresh. Fails with
    /// the Redis exception when it cannot be published.
    /// </summary>
    /// <remarks>Also with <see cref="DjoserRedisOptions.RevocationChannel"/> off, so the instances that listen stay exact.</remarks>
    public async Task PublishRevocationAsync(IDatabase database, string userKey)
    {
        using var pending = acks.Begin();
        feed.Revoked(userKey);
        acks.Acknowledged(pending.Id, feed.InstanceId);
        var result = await database.ScriptEvaluateAsync(PublishScript, Arguments(revocation: true, pending.Id.ToString(CultureInfo.InvariantCulture), userKey))
            .ConfigureAwait(false);
        pending.Expect(((RedisResult[])result!).Select(member => (string)member!));
        if (!await pending.WaitAsync(AcknowledgementWait, time).ConfigureAwait(false))
        {
            Log.RevocationNotAcknowledged(logger, AcknowledgementWait.TotalMilliseconds);
        }
    }

    // Registered as itself and as a hosted service, so the container may dispose it twice; the source is not
    // disposed, as nothing but this class ever holds it.
    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }
    }

    private object Arguments(bool revocation, string id, string payload) => new
    {
        instances = (RedisKey)(connection.KeyPrefix + "{rev-feed}:instances"),
        sequence = (RedisKey)(connection.KeyPrefix + "{rev-feed}:sequence"),
        events = Events,
        sender = feed.InstanceId,
        lease = revocation ? "0" : ((long)RegistryLease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        message = string.Join(Separator, revocation ? "r" : "h", feed.InstanceId, id, payload),
    };

    private async Task HeartbeatsAsync(CancellationToken stopping)
    {
        try
        {
            var multiplexer = await connection.ConnectedAsync().WaitAsync(stopping).ConfigureAwait(false);
            multiplexer.ConnectionFailed += (_, _) =>
            {
                _listening = false;
                feed.Interrupted();
            };
            multiplexer.ConnectionRestored += (_, _) => _listening = _events is not null;

            while (true)
            {
                try
                {
                    if (_events is null && multiplexer.IsConnected)
                    {
                        _events = await SubscribeAsync(multiplexer.GetSubscriber()).ConfigureAwait(false);
                        _listening = true;
                    }

                    if (_listening)
                    {
                        var sentAt = feed.HeartbeatTimestamp().ToString(CultureInfo.InvariantCulture);
                        await multiplexer.GetDatabase().ScriptEvaluateAsync(PublishScript, Arguments(revocation: false, "0", sentAt)).ConfigureAwait(false);
                    }
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    Log.HeartbeatFailed(logger, exception);
                }

                await Task.Delay(HeartbeatInterval, time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    // Once, when connected: StackExchange.Redis subscribes again by itself after a reconnection. A subscription that
    // failed half-way is taken back, so the next attempt does not deliver each message twice.
    private async Task<ChannelMessageQueue> SubscribeAsync(ISubscriber subscriber)
    {
        var ack = RedisChannel.Literal(AckChannelOf(feed.InstanceId));
        var events = RedisChannel.Literal(Events);
        try
        {
            // Acknowledgements first, so none addressed to this instance is missed once it publishes.
            await subscriber.SubscribeAsync(ack, (_, message) => OnAcknowledgement(message)).ConfigureAwait(false);
            var queue = await subscriber.SubscribeAsync(events).ConfigureAwait(false);
            // One message at a time, in order: the feed's freshness rests on it.
            queue.OnMessage(message => OnEvent(subscriber, message.Message));
            return queue;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            try
            {
                subscriber.UnsubscribeAll(CommandFlags.FireAndForget);
            }
            catch (Exception again) when (again is RedisException or TimeoutException)
            {
                Log.HeartbeatFailed(logger, again);
            }

            throw;
        }
    }

    // "<sequence>|<kind>|<sender>|<id>|<payload>": a heartbeat's payload is its sending time, a revocation's the user.
    private void OnEvent(ISubscriber subscriber, RedisValue message)
    {
        var parts = ((string?)message ?? string.Empty).Split(Separator, 5);
        if (parts.Length != 5 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return;
        }

        var revocation = parts[1] == "r";
        var sender = parts[2];
        _ = long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt);
        feed.Handle(sequence, revocation, sender, revocation ? 0 : sentAt, revocation ? parts[4] : string.Empty);
        if (!revocation || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return;
        }

        // This instance acknowledged its own revocations when it published them (DjoserRevocationFeed.Revoked).
        if (sender != feed.InstanceId)
        {
            subscriber.Publish(RedisChannel.Literal(AckChannelOf(sender)), parts[3] + Separator + feed.InstanceId, CommandFlags.FireAndForget);
        }
    }

    // "<id>|<instance>"
    private void OnAcknowledgement(RedisValue message)
    {
        var parts = ((string?)message ?? string.Empty).Split(Separator, 2);
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            acks.Acknowledged(id, parts[1]);
        }
    }
}
