using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Djoser.Emails.Outbox;
using Djoser.Runtime.Tests;
using Djoser.Sample;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Djoser.IntegrationTests;

/// <summary>
/// The durable outbox through the sample app: registration never waits on (or fails with) SMTP, a restart loses no
/// e-mail, several instances on one database deliver each e-mail once, and no row holds a usable link.
/// </summary>
public sealed partial class OutboxTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "djoser-outbox-tests", Guid.NewGuid().ToString("N"));
    private readonly List<OutboxApp> _apps = [];

    // One database for every app of a test, on this run's provider (a SQLite file, or a PostgreSQL database).
    private readonly TestDatabase _database = TestDatabase.CreateShared();

    public OutboxTests()
    {
        Directory.CreateDirectory(_directory);
    }

    public void Dispose()
    {
        foreach (var app in _apps)
        {
            app.AssertNoServerErrors();
            app.Dispose();
        }

        _database.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the folder is under the temp directory.
        }
    }

    [SmtpFact]
    public async Task Register_WhileSmtpIsDown_Returns201AndDeliversOnceSmtpIsBack()
    {
        var port = AiosmtpdServer.FreePort();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var app = App(clock: clock, extra: new()
        {
            ["Djoser:Email:Delivery"] = "Smtp",
            ["Djoser:Email:Smtp:Host"] = "127.0.0.1",
            ["Djoser:Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Djoser:Email:Smtp:TlsMode"] = "None",
            ["Djoser:Email:Smtp:Timeout"] = "00:00:05",
        });
        var email = NewEmail();

        var response = await Register(app, email);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.True(await UserExistsAsync(app, email));
        var row = Assert.Single(await RowsAsync(app));
        Assert.Equal((1, (DateTimeOffset?)null), (row.Attempts, row.SentAt));
        Assert.NotNull(row.LastError);

        await using var server = new AiosmtpdServer(port);
        await server.InitializeAsync();
        clock.Advance(TimeSpan.FromSeconds(30));

        // The background dispatcher's poll may be first; either way the e-mail leaves once.
        await Dispatcher(app).DispatchDueAsync(default);
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await Dispatcher(app).DispatchDueAsync(default));

        var message = Assert.Single(server.Take());
        Assert.Equal(email, Assert.Single(message.To.Mailboxes).Address);
        Assert.Contains("#/activate/", message.TextBody, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(await RowsAsync(app)).SentAt);
    }

    [Fact]
    public async Task Register_HostStoppedBeforeDelivery_NextHostDeliversExactlyOnce()
    {
        var email = NewEmail();
        using (var first = App(runDispatcher: false))
        {
            Assert.Equal(HttpStatusCode.Created, (await Register(first, email)).Status);
            Assert.Single(await RowsAsync(first));
            Assert.Empty(first.Emails);
        }

        var second = App();
        _ = second.Services;
        var delivered = second.Emails;
        Assert.Equal(email, Assert.Single(Assert.Single(delivered).To.Mailboxes).Address);

        // Its own start-up pass, a woken pass and explicit drains: still one.
        await Dispatcher(second).DispatchDueAsync(default);
        Assert.Single(second.Emails);
        Assert.NotNull(Assert.Single(await RowsAsync(second)).SentAt);
    }

    [Fact]
    public async Task TwoDispatchers_OneDatabase_DeliverEachEmailOnce()
    {
        const int count = 12;
        var queued = new List<string>();
        var queuer = App(runDispatcher: false);
        for (var i = 0; i < count; i++)
        {
            var email = NewEmail();
            Assert.Equal(HttpStatusCode.Created, (await Register(queuer, email)).Status);
            queued.Add(email);
        }

        var one = App();
        var two = App();
        _ = one.Services;
        _ = two.Services;
        var handled = await Task.WhenAll(
            Task.Run(() => Dispatcher(one).DispatchDueAsync(default)),
            Task.Run(() => Dispatcher(two).DispatchDueAsync(default)),
            Task.Run(() => Dispatcher(one).DispatchDueAsync(default)),
            Task.Run(() => Dispatcher(two).DispatchDueAsync(default)));
        var delivered = one.Emails.Concat(two.Emails)
            .Select(message => Assert.Single(message.To.Mailboxes).Address).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(queued.Order(StringComparer.Ordinal), delivered);
        Assert.True(handled.Sum() <= count);
        Assert.All(await RowsAsync(one), row => Assert.NotNull(row.SentAt));
    }

    [Fact]
    public async Task Register_OutboxRow_HoldsNeitherTokenNorLink()
    {
        var app = App();
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await Register(app, email)).Status);
        var message = Assert.Single(app.Emails);
        var match = ActivationLink().Match(message.TextBody!);
        Assert.True(match.Success, message.TextBody);

        await using var scope = app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"DjoserOutbox\"";
        var cells = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    cells.Add(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }
        }

        Assert.Contains(email, cells);
        var everything = string.Join("|", cells);
        Assert.DoesNotContain(match.Groups["token"].Value, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("activate", everything, StringComparison.Ordinal);
    }

    private OutboxApp App(bool runDispatcher = true, ManualClock? clock = null, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Djoser:Email:Outbox:RunDispatcher"] = runDispatcher ? "true" : "false",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var app = new OutboxApp(settings, _database, clock);
        _apps.Add(app);
        return app;
    }

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    private static Task<DjoserResponse> Register(DjoserApp app, string email) =>
        app.CreateDjoserClient().PostJsonAsync(DjoserPaths.V1.Register, new Dictionary<string, string>
        {
            ["email"] = email,
            ["first_name"] = "Ann",
            ["last_name"] = "Lee",
            ["password"] = DjoserTestBase.Password,
        });

    private static IDjoserOutboxDispatcher Dispatcher(DjoserApp app) => app.Services.GetRequiredService<IDjoserOutboxDispatcher>();

    private static async Task<bool> UserExistsAsync(DjoserApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AnyAsync(user => user.Email == email);
    }

    private static async Task<List<Data.DjoserOutboxMessage>> RowsAsync(DjoserApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Data.DjoserOutboxMessage>().AsNoTracking().ToListAsync();
    }

    [GeneratedRegex(@"#/activate/(?<uid>[^/\s]+)/(?<token>[^/\s]+)")]
    private static partial Regex ActivationLink();

    /// <summary>The sample on a database and mail folder of the test's choosing, optionally on a hand-driven clock.</summary>
    private sealed class OutboxApp(IReadOnlyDictionary<string, string?> settings, TestDatabase database, ManualClock? clock)
        : DjoserApp(settings, database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (clock is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
            }
        }
    }

    /// <summary>A clock that moves only when told; timers still run on real time.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
