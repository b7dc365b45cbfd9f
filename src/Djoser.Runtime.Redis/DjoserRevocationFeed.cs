using System.Globalization;
using System.Security.Cryptography;

namespace Djoser.Redis;

/// <summary>
/// What one instance knows from the revocation channel (<see cref="DjoserRedisRevocationChannel"/>), without any I/O:
/// a local version per user (striped), and whether the channel is known to be delivering (its own heartbeats come back
/// in time). The revocations it waits on to be acknowledged are <see cref="DjoserRevocationAcks"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every message on the channel carries the next value of one Redis counter, taken atomically with its publication,
/// so the messages an instance receives are numbered without gaps for as long as its subscription holds. A gap (or a
/// number going back, after a Redis restart) means messages were lost: every local version moves on, so nothing cached
/// before is trusted again.
/// </para>
/// <para>
/// The instance is <see cref="IsFresh">fresh</see> for <see cref="ServeWindow"/> after it <em>sent</em> the last of its
/// own heartbeats it has received. Messages are handled in their order, so while a revocation stays unhandled, no
/// heartbeat sent after it was published is handled either, and freshness ends at most <see cref="ServeWindow"/>
/// after the revocation was published. That bound is what lets a revoking instance stop waiting for an instance
/// that does not acknowledge.
/// </para>
/// </remarks>
internal sealed class DjoserRevocationFeed(TimeProvider time)
{
    /// <summary>How long a heartbeat that came back keeps the instance fresh, counted from when it was sent.</summary>
    public static readonly TimeSpan ServeWindow = TimeSpan.FromSeconds(1);

    // Users share a version per stripe: a revocation makes the cached entries of the users of one stripe in 1,024 miss
    // once, and the memory stays fixed however many users there are.
    private const int Stripes = 1024;

    private readonly Lock _gate = new();
    private readonly string[] _versions = new string[Stripes];
    private long _issued;
    private long _lastSequence = -1;
    private long _freshUntil = long.MinValue;

    /// <summary>This instance's id on the channel: heartbeats it sends, acknowledgements addressed to it.</summary>
    public string InstanceId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Whether local versions may be used: the channel delivered this instance's own heartbeat recently enough.</summary>
    public bool IsFresh => time.GetTimestamp() < Volatile.Read(ref _freshUntil);

    /// <summary>
    /// The local version of <paramref name="userKey"/>: it changes when a revocation of the user (or of a user sharing
    /// its stripe) is handled, or when messages were lost. Prefixed <c>l</c>, so it never equals a Redis version (hex).
    /// </summary>
    public string VersionOf(string userKey) =>
        Volatile.Read(ref _versions[(uint)StringComparer.Ordinal.GetHashCode(userKey) % Stripes]) ?? InitialVersion(userKey);

    /// <summary>A timestamp to send in a heartbeat, from this instance's clock.</summary>
    public long HeartbeatTimestamp() => time.GetTimestamp();

    /// <summary>
    /// Handles message <paramref name="sequence"/> from the channel, in the order received. A revocation moves
    /// <paramref name="userKey"/>'s version on; this instance's own heartbeat, sent at <paramref name="sentAt"/>, makes it fresh.
    /// </summary>
    public void Handle(long sequence, bool revocation, string sender, long sentAt, string userKey)
    {
        lock (_gate)
        {
            if (sequence == _lastSequence)
            {
                // The same message again (a subscription made twice while reconnecting): handled already.
                return;
            }

            if (_lastSequence >= 0 && sequence != _lastSequence + 1)
            {
                // Lost messages, or a restarted Redis numbering from 1 again: any lost one may have been a revocation.
                for (var i = 0; i < Stripes; i++)
                {
                    Volatile.Write(ref _versions[i], NextVersion());
                }
            }

            _lastSequence = sequence;
            if (revocation)
            {
                Volatile.Write(ref _versions[(uint)StringComparer.Ordinal.GetHashCode(userKey) % Stripes], NextVersion());
            }
            else if (sender == InstanceId)
            {
                var until = sentAt + (long)(ServeWindow.TotalSeconds * time.TimestampFrequency);
                if (until > _freshUntil)
                {
                    Volatile.Write(ref _freshUntil, until);
                }
            }
        }
    }

    /// <summary>
    /// This instance revokes <paramref name="userKey"/>: its version moves on here at once, before the revocation is
    /// published, so this instance's own cache never waits on its own message (which moves it on once more).
    /// </summary>
    public void Revoked(string userKey)
    {
        lock (_gate)
        {
            Volatile.Write(ref _versions[(uint)StringComparer.Ordinal.GetHashCode(userKey) % Stripes], NextVersion());
        }
    }

    /// <summary>
    /// The subscription was lost: nothing is trusted until this instance's next heartbeat comes back. The numbering is
    /// kept, so the first message after the reconnection shows whether any were lost meanwhile.
    /// </summary>
    public void Interrupted() => Volatile.Write(ref _freshUntil, long.MinValue);

    private string InitialVersion(string userKey)
    {
        lock (_gate)
        {
            ref var slot = ref _versions[(uint)StringComparer.Ordinal.GetHashCode(userKey) % Stripes];
            return slot ??= NextVersion();
        }
    }

    // Never the same value twice in this process.
    private string NextVersion() => "l" + (++_issued).ToString(CultureInfo.InvariantCulture);
}
