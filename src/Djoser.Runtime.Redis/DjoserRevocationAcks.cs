using System.Collections.Concurrent;

namespace Djoser.Redis;

/// <summary>
/// The revocations this instance published and waits on: each is done once every instance that was live when it was
/// published (the registry's members, returned by the publishing script) has acknowledged handling it.
/// </summary>
internal sealed class DjoserRevocationAcks
{
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private long _lastId;

    /// <summary>
    /// A revocation about to be published. It is registered before it is sent, so an acknowledgement that arrives
    /// before the publishing call returns still counts.
    /// </summary>
    public Pending Begin()
    {
        var pending = new Pending(Interlocked.Increment(ref _lastId), this);
        _pending[pending.Id] = pending;
        return pending;
    }

    /// <summary><paramref name="instance"/> has handled revocation <paramref name="id"/>; unknown or finished ids are ignored.</summary>
    public void Acknowledged(long id, string instance)
    {
        if (_pending.TryGetValue(id, out var pending))
        {
            pending.Acknowledged(instance);
        }
    }

    /// <summary>One published revocation: who acknowledged it, and who has to.</summary>
    internal sealed class Pending(long id, DjoserRevocationAcks owner) : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private HashSet<string>? _live;

        /// <summary>The id sent with the revocation, which acknowledgements name.</summary>
        public long Id { get; } = id;

        /// <summary>The instances that were live when the revocation was published, every one of which must acknowledge it.</summary>
        public void Expect(IEnumerable<string> live)
        {
            lock (_gate)
            {
                _live = new HashSet<string>(live, StringComparer.Ordinal);
                CompleteIfDone();
            }
        }

        /// <summary>Whether every live instance acknowledged within <paramref name="timeout"/> on <paramref name="time"/>'s clock.</summary>
        public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time)
        {
            try
            {
                await _done.Task.WaitAsync(timeout, time).ConfigureAwait(false);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        public void Dispose() => owner._pending.TryRemove(Id, out _);

        internal void Acknowledged(string instance)
        {
            lock (_gate)
            {
                _acknowledged.Add(instance);
                CompleteIfDone();
            }
        }

        private void CompleteIfDone()
        {
            if (_live is not null && _live.IsSubsetOf(_acknowledged))
            {
                _done.TrySetResult();
            }
        }
    }
}
