using Djoser.Redis;
using Microsoft.Extensions.Time.Testing;

namespace Djoser.Runtime.Tests;

/// <summary>
/// <see cref="DjoserRevocationFeed"/>: an instance trusts local versions only for the serve window after its own
/// heartbeat was sent and came back; a revocation moves its user's version on; lost messages move every version on;
/// and <see cref="DjoserRevocationAcks"/> finishes a revocation only when every live instance acknowledged it.
/// </summary>
public sealed class RevocationFeedTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void ANewFeed_IsNotFresh_UntilItsOwnHeartbeatComesBack()
    {
        var feed = new DjoserRevocationFeed(_time);
        Assert.False(feed.IsFresh);

        feed.Handle(1, revocation: false, "another-instance", feed.HeartbeatTimestamp(), string.Empty);
        Assert.False(feed.IsFresh);

        feed.Handle(2, revocation: false, feed.InstanceId, feed.HeartbeatTimestamp(), string.Empty);
        Assert.True(feed.IsFresh);
    }

    [Fact]
    public void Freshness_EndsTheServeWindowAfterTheHeartbeatWasSent_NotAfterItCameBack()
    {
        var feed = new DjoserRevocationFeed(_time);
        var sentAt = feed.HeartbeatTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(600)); // delivered late
        feed.Handle(1, revocation: false, feed.InstanceId, sentAt, string.Empty);
        Assert.True(feed.IsFresh);

        _time.Advance(DjoserRevocationFeed.ServeWindow - TimeSpan.FromMilliseconds(600));
        Assert.False(feed.IsFresh);
    }

    [Fact]
    public void AnOlderHeartbeatHandledLate_DoesNotShortenFreshness()
    {
        var feed = new DjoserRevocationFeed(_time);
        var first = feed.HeartbeatTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(500));
        feed.Handle(1, revocation: false, feed.InstanceId, feed.HeartbeatTimestamp(), string.Empty);
        feed.Handle(2, revocation: false, feed.InstanceId, first, string.Empty);

        _time.Advance(DjoserRevocationFeed.ServeWindow - TimeSpan.FromMilliseconds(1));
        Assert.True(feed.IsFresh);
    }

    [Fact]
    public void Interrupted_EndsFreshnessAtOnce()
    {
        var feed = new DjoserRevocationFeed(_time);
        feed.Handle(1, revocation: false, feed.InstanceId, feed.HeartbeatTimestamp(), string.Empty);

        feed.Interrupted();

        Assert.False(feed.IsFresh);
    }

    [Fact]
    public void ARevocation_MovesItsUsersVersionOn_AndNoOtherStripe()
    {
        var feed = new DjoserRevocationFeed(_time);
        feed.Handle(1, revocation: false, feed.InstanceId, feed.HeartbeatTimestamp(), string.Empty);
        var users = Enumerable.Range(0, 200).Select(i => "user-" + i).ToArray();
        var before = users.ToDictionary(user => user, feed.VersionOf);

        feed.Handle(2, revocation: true, "another-instance", 0, "user-7");

        Assert.NotEqual(before["user-7"], feed.VersionOf("user-7"));
        // Users of another stripe keep theirs (1,024 stripes: most of 200 users do not share user-7's).
        var unchanged = users.Count(user => before[user] == feed.VersionOf(user));
        Assert.InRange(unchanged, 190, 199);
        Assert.StartsWith("l", feed.VersionOf("user-7"), StringComparison.Ordinal);
    }

    [Fact]
    public void ARevocationByThisInstance_MovesTheVersionOnAtOnce_AndItsOwnMessageOnceMore()
    {
        var feed = new DjoserRevocationFeed(_time);
        var before = feed.VersionOf("user-7");

        feed.Revoked("user-7");
        var revoked = feed.VersionOf("user-7");
        Assert.NotEqual(before, revoked);

        feed.Handle(1, revocation: true, feed.InstanceId, 0, "user-7");
        Assert.NotEqual(revoked, feed.VersionOf("user-7"));
    }

    [Fact]
    public void AGapInTheNumbering_MovesEveryVersionOn()
    {
        var feed = new DjoserRevocationFeed(_time);
        feed.Handle(10, revocation: false, feed.InstanceId, feed.HeartbeatTimestamp(), string.Empty);
        var users = Enumerable.Range(0, 50).Select(i => "user-" + i).ToArray();
        var before = users.ToDictionary(user => user, feed.VersionOf);

        feed.Handle(11, revocation: false, "another-instance", 0, string.Empty);
        Assert.All(users, user => Assert.Equal(before[user], feed.VersionOf(user)));

        feed.Handle(13, revocation: false, "another-instance", 0, string.Empty); // 12 was lost
        Assert.All(users, user => Assert.NotEqual(before[user], feed.VersionOf(user)));
    }

    [Fact]
    public void ANumberGoingBack_ARestartedRedis_MovesEveryVersionOn_AndTheSameMessageTwiceDoesNot()
    {
        var feed = new DjoserRevocationFeed(_time);
        feed.Handle(500, revocation: false, "another-instance", 0, string.Empty);
        var before = feed.VersionOf("user-1");

        feed.Handle(500, revocation: false, "another-instance", 0, string.Empty);
        Assert.Equal(before, feed.VersionOf("user-1"));

        feed.Handle(1, revocation: false, "another-instance", 0, string.Empty);
        Assert.NotEqual(before, feed.VersionOf("user-1"));
    }

    [Fact]
    public void Versions_AreNeverHandedOutTwice()
    {
        var feed = new DjoserRevocationFeed(_time);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var sequence = 1; sequence <= 100; sequence++)
        {
            feed.Handle(sequence, revocation: true, "another-instance", 0, "user-1");
            Assert.True(seen.Add(feed.VersionOf("user-1")));
        }
    }

    [Fact]
    public async Task ARevocation_IsDone_WhenEveryLiveInstanceAcknowledged_EarlyAcknowledgementsIncluded()
    {
        var acks = new DjoserRevocationAcks();
        using var pending = acks.Begin();
        acks.Acknowledged(pending.Id, "a"); // before the publishing call returned

        pending.Expect(["a", "b"]);
        Assert.False(await pending.WaitAsync(TimeSpan.Zero, _time));

        acks.Acknowledged(pending.Id, "c"); // not live when published: does not stand in for b
        Assert.False(await pending.WaitAsync(TimeSpan.Zero, _time));

        acks.Acknowledged(pending.Id, "b");
        Assert.True(await pending.WaitAsync(TimeSpan.Zero, _time));
    }

    [Fact]
    public async Task Acknowledgements_CountForTheirOwnRevocationOnly_AndFinishedOnesAreIgnored()
    {
        var acks = new DjoserRevocationAcks();
        var first = acks.Begin();
        using var second = acks.Begin();
        first.Expect(["a"]);
        second.Expect(["a"]);

        acks.Acknowledged(first.Id, "a");
        Assert.True(await first.WaitAsync(TimeSpan.Zero, _time));
        Assert.False(await second.WaitAsync(TimeSpan.Zero, _time));

        first.Dispose();
        acks.Acknowledged(first.Id, "a");
        Assert.False(await second.WaitAsync(TimeSpan.Zero, _time));
    }

    [Fact]
    public async Task ARevocationWithNoLiveInstance_IsDoneAtOnce()
    {
        var acks = new DjoserRevocationAcks();
        using var pending = acks.Begin();
        pending.Expect([]);
        Assert.True(await pending.WaitAsync(TimeSpan.Zero, _time));
    }
}
