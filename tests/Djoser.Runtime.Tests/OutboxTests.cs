using System.Diagnostics.Metrics;
using Djoser.Configuration;
using Djoser.Data;
using Djoser.Emails;
using Djoser.Emails.Outbox;
using Djoser.Endpoints;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Runtime.Tests;

/// <summary>The outbox: queueing in the change's transaction, claims, retries with backoff, expiry, and the backlog gauge.</summary>
public sealed class OutboxTests
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_queued_email_is_delivered_once_and_the_row_holds_no_token()
    {
        using var host = FlakyHost(failures: 0, out var transport);
        var id = await host.CreateUserAsync();
        await QueueAsync(host, id, DjoserEmailKind.PasswordReset);

        Assert.Equal(1, await Dispatcher(host).DispatchDueAsync(default));
        Assert.Equal(0, await Dispatcher(host).DispatchDueAsync(default));

        var message = Assert.Single(transport.Delivered);
        var row = Assert.Single(await host.OutboxAsync());
        Assert.Equal((host.Time.GetUtcNow(), 1, (string?)null, (DateTimeOffset?)null), (row.SentAt!.Value, row.Attempts, row.ClaimedBy, row.FailedAt));
        Assert.Equal(("ann@example.com", id, "example.com"), (row.Recipient, row.UserId, row.Domain));

        // The link is minted at delivery: nothing in the row is its token or its URL.
        var link = message.Split('\n').Single(line => line.Contains("/password/reset/confirm/", StringComparison.Ordinal)).Trim();
        var token = link[(link.LastIndexOf('/') + 1)..];
        Assert.NotEmpty(token);
        var columns = string.Join("|", row.Recipient, row.UserId, row.Domain, row.Data, row.LastError, row.ClaimedBy);
        Assert.DoesNotContain(token, columns, StringComparison.Ordinal);
        Assert.DoesNotContain("confirm", columns, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_send_is_retried_with_exponential_backoff_then_given_up()
    {
        using var host = FlakyHost(failures: int.MaxValue, out var transport, new() { ["Djoser:Email:Outbox:MaxAttempts"] = "3" });
        var id = await host.CreateUserAsync();
        await QueueAsync(host, id, DjoserEmailKind.Confirmation);
        var queuedAt = host.Time.GetUtcNow();
        var dispatcher = Dispatcher(host);

        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));
        var row = Assert.Single(await host.OutboxAsync());
        Assert.Equal((1, queuedAt + BaseDelay), (row.Attempts, row.NextAttemptAt));
        Assert.Equal("IOException: SMTP is down", row.LastError);
        Assert.Null(row.ClaimedBy);

        // Not due yet: nothing happens until the backoff has passed.
        host.Time.Advance(BaseDelay - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(default));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));
        row = Assert.Single(await host.OutboxAsync());
        Assert.Equal((2, host.Time.GetUtcNow() + (2 * BaseDelay)), (row.Attempts, row.NextAttemptAt));

        host.Time.Advance(2 * BaseDelay);
        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));
        row = Assert.Single(await host.OutboxAsync());
        Assert.Equal((3, host.Time.GetUtcNow()), (row.Attempts, row.FailedAt));
        Assert.Null(row.SentAt);

        host.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(default));
        Assert.Equal(3, transport.Attempts);
        Assert.Empty(transport.Delivered);
    }

    [Fact]
    public async Task A_send_that_recovers_is_delivered_exactly_once()
    {
        using var host = FlakyHost(failures: 2, out var transport);
        var id = await host.CreateUserAsync();
        await QueueAsync(host, id, DjoserEmailKind.Activation);
        var dispatcher = Dispatcher(host);

        for (var pass = 0; pass < 6; pass++)
        {
            await dispatcher.DispatchDueAsync(default);
            host.Time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Single(transport.Delivered);
        Assert.Equal(3, Assert.Single(await host.OutboxAsync()).Attempts);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(8, 3600)]
    [InlineData(200, 3600)]
    public void Backoff_doubles_from_the_base_delay_up_to_the_maximum(int attempts, int seconds)
    {
        var outbox = new DjoserOutboxOptions { BaseDelay = BaseDelay, MaxDelay = TimeSpan.FromHours(1) };
        Assert.Equal(TimeSpan.FromSeconds(seconds), DjoserOutboxDispatcher<IdentityUser, string, TestDbContext>.Backoff(outbox, attempts));
    }

    [Fact]
    public async Task Sent_and_given_up_rows_are_deleted_after_the_retention_and_due_rows_never()
    {
        using var host = FlakyHost(failures: 0, out _, new() { ["Djoser:Email:Outbox:Retention"] = "2.00:00:00" });
        var sent = await host.CreateUserAsync();
        await QueueAsync(host, sent, DjoserEmailKind.PasswordReset);
        Assert.Equal(1, await Dispatcher(host).DispatchDueAsync(default));

        // Two days on, a second e-mail is queued but not yet due (as if retrying); the first is past the retention
        // only a moment later.
        host.Time.Advance(TimeSpan.FromDays(2));
        var waiting = await host.CreateUserAsync("bob", "bob@example.com");
        await QueueAsync(host, waiting, DjoserEmailKind.PasswordReset);
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<DjoserOutboxMessage>()
                .Where(m => m.UserId == waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, host.Time.GetUtcNow() + TimeSpan.FromHours(3)));
        }

        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Dispatcher(host).DispatchDueAsync(default));

        var row = Assert.Single(await host.OutboxAsync());
        Assert.Equal((waiting, (DateTimeOffset?)null), (row.UserId, row.SentAt));
    }

    [Fact]
    public async Task A_link_email_past_the_link_lifetime_is_dropped_unsent()
    {
        using var host = FlakyHost(failures: 0, out var transport);
        var id = await host.CreateUserAsync();
        await QueueAsync(host, id, DjoserEmailKind.PasswordReset);
        var row = Assert.Single(await host.OutboxAsync());
        Assert.Equal(row.CreatedAt + TimeSpan.FromDays(3), row.ExpiresAt);

        host.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await Dispatcher(host).DispatchDueAsync(default));

        row = Assert.Single(await host.OutboxAsync());
        Assert.Equal((host.Time.GetUtcNow(), (DateTimeOffset?)null), (row.FailedAt!.Value, row.SentAt));
        Assert.Contains("expired", row.LastError, StringComparison.Ordinal);
        Assert.Empty(transport.Delivered);
    }

    [Fact]
    public async Task An_email_whose_user_is_gone_is_dropped_unsent()
    {
        using var host = FlakyHost(failures: 0, out var transport);
        var id = await host.CreateUserAsync();
        await QueueAsync(host, id, DjoserEmailKind.Activation);
        await using (var scope = host.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByIdAsync(id))!)).Succeeded);
        }

        Assert.Equal(1, await Dispatcher(host).DispatchDueAsync(default));
        Assert.Equal("The user no longer exists.", Assert.Single(await host.OutboxAsync()).LastError);
        Assert.Empty(transport.Delivered);
    }

    [Fact]
    public async Task A_link_to_an_address_the_user_no_longer_has_is_dropped_unsent()
    {
        using var host = FlakyHost(failures: 0, out var transport);
        var id = await host.CreateUserAsync();
        await QueueAsync(host, id, DjoserEmailKind.Activation);
        await using (var scope = host.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByIdAsync(id))!;
            user.Email = "bob@example.com";
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        Assert.Equal(1, await Dispatcher(host).DispatchDueAsync(default));
        Assert.Contains("address changed", Assert.Single(await host.OutboxAsync()).LastError, StringComparison.Ordinal);
        Assert.Empty(transport.Delivered);
    }

    [Fact]
    public async Task A_row_claimed_by_another_dispatcher_is_left_alone_until_its_lease_ends()
    {
        using var host = FlakyHost(failures: 0, out var transport);
        var id = await host.CreateUserAsync();
        await QueueAsync(host, id, DjoserEmailKind.Confirmation);
        var first = NewDispatcher(host);
        var second = NewDispatcher(host);

        await using (var scope = host.Scope())
        {
            var claimed = Assert.Single(await first.ClaimAsync(scope.ServiceProvider.GetRequiredService<TestDbContext>(), default));
            Assert.Equal(first.InstanceId, claimed.ClaimedBy);

            // The loser of the conditional update gets nothing, even when it tries the same row.
            Assert.Empty(await second.ClaimAsync(scope.ServiceProvider.GetRequiredService<TestDbContext>(), default));
        }

        Assert.Equal(0, await second.DispatchDueAsync(default));
        host.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await second.DispatchDueAsync(default));

        // The first dispatcher died holding it: once the lease has passed, the other one delivers it, once.
        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await second.DispatchDueAsync(default));
        Assert.Equal(0, await first.DispatchDueAsync(default));
        Assert.Single(transport.Delivered);
    }

    [Fact]
    public async Task A_committed_change_wakes_the_dispatcher_only_when_it_queued_an_email()
    {
        using var host = FlakyHost(failures: 0, out _);
        var id = await host.CreateUserAsync();
        var signal = host.Services.GetRequiredService<DjoserOutboxSignal>();
        await using (var scope = host.Scope())
        {
            var (emails, _, _) = await Resolve(scope, id);
            Assert.Null(await emails.InTransactionAsync(() => Task.FromResult<IResult?>(null), default));
        }

        // A registration without activation e-mail: no pass, whose queries would compete with the requests.
        Assert.False(signal.Pending);

        await QueueAsync(host, id, DjoserEmailKind.PasswordReset);
        Assert.True(signal.Pending);
    }

    [Fact]
    public async Task A_refused_change_rolls_back_its_queued_email()
    {
        using var host = FlakyHost(failures: 0, out _);
        var id = await host.CreateUserAsync();
        await using (var scope = host.Scope())
        {
            var (emails, http, user) = await Resolve(scope, id);
            var refused = await emails.InTransactionAsync(
                async () =>
                {
                    await emails.QueueAsync(http, DjoserEmailKind.PasswordChanged, user);
                    return DjoserResults.NoContent();
                },
                default);
            Assert.NotNull(refused);

            // A later save of the same scope must not write the abandoned row either.
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().SaveChangesAsync();
        }

        Assert.Empty(await host.OutboxAsync());
    }

    [Fact]
    public async Task A_change_that_throws_leaves_neither_the_change_nor_the_email()
    {
        using var host = FlakyHost(failures: 0, out _);
        var id = await host.CreateUserAsync();
        await using (var scope = host.Scope())
        {
            var (emails, http, user) = await Resolve(scope, id);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => emails.InTransactionAsync(
                async () =>
                {
                    user.Email = "changed@example.com";
                    Assert.True((await users.UpdateAsync(user)).Succeeded);
                    await emails.QueueAsync(http, DjoserEmailKind.Activation, user);
                    throw new InvalidOperationException("after the save");
                },
                default));
        }

        Assert.Empty(await host.OutboxAsync());
        await using var check = host.Scope();
        var stored = await check.ServiceProvider.GetRequiredService<TestDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id);
        Assert.Equal("ann@example.com", stored.Email);
    }

    [Fact]
    public async Task Inside_an_ambient_transaction_the_rows_follow_the_callers_rollback()
    {
        using var host = FlakyHost(failures: 0, out _);
        var id = await host.CreateUserAsync();
        await using (var scope = host.Scope())
        {
            var (emails, http, user) = await Resolve(scope, id);
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Null(await emails.InTransactionAsync(
                async () =>
                {
                    await emails.QueueAsync(http, DjoserEmailKind.PasswordChanged, user);
                    return null;
                },
                default));
            Assert.Single(await db.Set<DjoserOutboxMessage>().AsNoTracking().ToListAsync());
            await transaction.RollbackAsync();
        }

        Assert.Empty(await host.OutboxAsync());
    }

    [Fact]
    public async Task The_backlog_gauge_reports_the_last_pass_count()
    {
        using var host = FlakyHost(failures: int.MaxValue, out _);
        var id = await host.CreateUserAsync();
        await QueueAsync(host, id, DjoserEmailKind.Confirmation);
        await QueueAsync(host, id, DjoserEmailKind.PasswordChanged);
        var dispatcher = Dispatcher(host);
        await dispatcher.DispatchDueAsync(default);

        var metrics = host.Services.GetRequiredService<DjoserOutboxMetrics>();
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var observed = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this host's meter: other tests' hosts publish a "Djoser" meter of their own.
            if (instrument.Meter.Name == DjoserOutboxMetrics.MeterName && instrument.Name == DjoserOutboxMetrics.BacklogName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => observed.Add(value));
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Equal([2L], observed);
        Assert.Equal(2, metrics.Backlog);
    }

    [Theory]
    [InlineData("Djoser:Email:Outbox:MaxAttempts", "0", "Djoser:Email:Outbox:MaxAttempts must be at least 1")]
    [InlineData("Djoser:Email:Outbox:BatchSize", "0", "Djoser:Email:Outbox:BatchSize must be at least 1")]
    [InlineData("Djoser:Email:Outbox:PollInterval", "00:00:00", "Djoser:Email:Outbox:PollInterval must be positive")]
    [InlineData("Djoser:Email:Outbox:MaxDelay", "00:00:01", "Djoser:Email:Outbox:MaxDelay (00:00:01) must not be shorter than Djoser:Email:Outbox:BaseDelay")]
    [InlineData("Djoser:Email:Outbox:Lease", "00:00:30", "Djoser:Email:Outbox:Lease (00:00:30) must be longer than Djoser:Email:Smtp:Timeout (00:00:30)")]
    public void Outbox_misconfiguration_stops_the_start_naming_the_key(string key, string value, string message)
    {
        using var host = new TestHost(settings: new()
        {
            ["Djoser:Email:Delivery"] = "Smtp",
            ["Djoser:Email:Smtp:Host"] = "smtp.example.com",
            [key] = value,
        });
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DjoserOptions>>().Value);
        Assert.Contains(error.Failures, failure => failure.StartsWith(message, StringComparison.Ordinal));
    }

    private static TestHost FlakyHost(int failures, out FlakyTransport transport, Dictionary<string, string?>? settings = null)
    {
        var flaky = new FlakyTransport(failures);
        transport = flaky;
        return new TestHost(configure: services => services.AddSingleton<IDjoserEmailTransport>(flaky), settings: settings);
    }

    private static IDjoserOutboxDispatcher Dispatcher(TestHost host) => host.Services.GetRequiredService<IDjoserOutboxDispatcher>();

    private static DjoserOutboxDispatcher<IdentityUser, string, TestDbContext> NewDispatcher(TestHost host) =>
        ActivatorUtilities.CreateInstance<DjoserOutboxDispatcher<IdentityUser, string, TestDbContext>>(host.Services);

    private static async Task QueueAsync(TestHost host, string id, DjoserEmailKind kind)
    {
        await using var scope = host.Scope();
        var (emails, http, user) = await Resolve(scope, id);
        await emails.QueueAndCommitAsync(http, kind, user);
    }

    private static async Task<(DjoserAccountEmails<IdentityUser, string> Emails, HttpContext Http, IdentityUser User)> Resolve(AsyncServiceScope scope, string id)
    {
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id) ?? throw new InvalidOperationException();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("example.com");
        return (scope.ServiceProvider.GetRequiredService<DjoserAccountEmails<IdentityUser, string>>(), http, user);
    }

    /// <summary>A transport that throws for its first <c>failures</c> calls, then keeps what it is given.</summary>
    private sealed class FlakyTransport(int failures) : IDjoserEmailTransport
    {
        public int Attempts { get; private set; }

        /// <summary>The text bodies delivered (the sender disposes each message after the transport).</summary>
        public List<string> Delivered { get; } = [];

        public Task SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken)
        {
            Attempts++;
            if (Attempts <= failures)
            {
                throw new IOException("SMTP is down");
            }

            Delivered.Add(message.TextBody ?? string.Empty);
            return Task.CompletedTask;
        }
    }
}
