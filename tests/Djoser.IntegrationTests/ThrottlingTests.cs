using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Djoser.IntegrationTests;

/// <summary>
/// The sample with throttling and lockout on, on a fake clock. The test server has no client address, so a request
/// names its own in <c>X-Test-Client</c> and each test is a different client: the counts of one test never reach another.
/// </summary>
public class ThrottleClockApp(IDictionary<string, string?> settings) : DjoserApp(new Dictionary<string, string?>(settings))
{
    public const string ClientHeader = "X-Test-Client";

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IStartupFilter>(new ClientAddressStartupFilter());
        });
    }

    /// <summary>What <c>UseForwardedHeaders</c> does behind a trusted proxy: the connection's address from a header.</summary>
    private sealed class ClientAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (context.Request.Headers[ClientHeader] is [{ } address])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Throttling on (default rates but registration's), lockout at its defaults.</summary>
public sealed class ThrottledDjoserApp() : ThrottleClockApp(new Dictionary<string, string?>
{
    ["Djoser:Throttling:Enabled"] = "true",
    ["Djoser:Throttling:Register:Rate"] = "3/hour",
});

/// <summary>Throttling and lockout through the endpoints (issue 11): 429s in DRF's shape, per address and per username.</summary>
public sealed class ThrottlingTests : DjoserTestBase, IClassFixture<ThrottledDjoserApp>
{
    private readonly ThrottledDjoserApp _app;

    public ThrottlingTests(ThrottledDjoserApp app)
        : base(app)
    {
        _app = app;
        Client.Http.DefaultRequestHeaders.Add(ThrottleClockApp.ClientHeader, NewAddress());
    }

    [Fact]
    public async Task Login_EleventhFromOneAddressInAMinute_Returns429WithRetryAfter_UntilTheWindowMoves()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(NewEmail(), "wrong")).Status);
        }

        var throttled = (await LoginAsync(NewEmail(), "wrong"))
            .Is(HttpStatusCode.TooManyRequests, """{"detail": "Request was throttled. Expected available in 60 seconds."}""");
        Assert.Equal("60", throttled.Headers.GetValues("Retry-After").Single());

        _app.Time.Advance(TimeSpan.FromSeconds(59));
        (await LoginAsync(NewEmail(), "wrong"))
            .Is(HttpStatusCode.TooManyRequests, """{"detail": "Request was throttled. Expected available in 1 second."}""");

        _app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(NewEmail(), "wrong")).Status);
    }

    [Fact]
    public async Task Login_SixthForOneUsername_Returns429_FromAnyAddressAndInAnyCase_WhileOtherUsernamesGoOn()
    {
        var email = NewEmail();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(email, "wrong")).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(email, "wrong")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(email.ToUpperInvariant(), "wrong")).Status);
        var elsewhere = App.CreateDjoserClient();
        elsewhere.Http.DefaultRequestHeaders.Add(ThrottleClockApp.ClientHeader, NewAddress());
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await elsewhere.PostJsonAsync(Paths.Login, new Dictionary<string, string> { ["email"] = email, ["password"] = "wrong" })).Status);

        Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(NewEmail(), "wrong")).Status);
    }

    [Fact]
    public async Task Register_OverTheConfiguredRate_Returns429_AndAnotherAddressStillRegisters()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(NewEmail())).Status);
        }

        var throttled = (await RegisterAsync(NewEmail()))
            .Is(HttpStatusCode.TooManyRequests, """{"detail": "Request was throttled. Expected available in 3600 seconds."}""");
        Assert.Equal("3600", throttled.Headers.GetValues("Retry-After").Single());

        Client.Http.DefaultRequestHeaders.Remove(ThrottleClockApp.ClientHeader);
        Client.Http.DefaultRequestHeaders.Add(ThrottleClockApp.ClientHeader, NewAddress());
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(NewEmail())).Status);
    }

    [Fact]
    public async Task ResetPassword_UnthrottledEndpointsAndMethods_AreNotCounted()
    {
        var (_, token) = await ActiveUserAsync();
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, token)).Status);
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await Client.PostJsonAsync(Paths.ResetPassword, new { email = NewEmail() })).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Client.PostJsonAsync(Paths.ResetPassword, new { email = NewEmail() })).Status);
    }

    /// <summary>The probe: 30 wrong passwords in a row, then the right one (before issue 11: 200).</summary>
    [Fact]
    public async Task Login_ThirtyWrongPasswordsThenTheRightOne_IsThrottled_ThenLockedOut_ThenAllowed()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).Status);
        await ActivateAsync(email);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            statuses.Add((await LoginAsync(email, "wrong-password")).Status);
        }

        // Five wrong passwords reach the check (and lock the account); the per-username rate refuses the rest.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 25)), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(email)).Status);

        _app.Time.Advance(TimeSpan.FromMinutes(1));
        (await LoginAsync(email)).Is(HttpStatusCode.BadRequest, """{"non_field_errors": ["Unable to login with provided credentials."]}""");

        _app.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email)).Status);
    }

    private static string NewAddress() => new IPAddress(Guid.NewGuid().ToByteArray()).ToString();
}

/// <summary>A throttle rate that is not DRF's syntax.</summary>
public sealed class BadThrottleRateApp() : DjoserApp(new Dictionary<string, string?>
{
    ["Djoser:Throttling:Enabled"] = "true",
    ["Djoser:Throttling:Login:Rate"] = "10/fortnight",
});

/// <summary>Bad throttling settings stop the start naming the key.</summary>
public sealed class ThrottlingStartupTests
{
    [Fact]
    public void Start_BadRate_FailsNamingTheSetting()
    {
        using var app = new BadThrottleRateApp();
        var exception = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Djoser:Throttling:Login:Rate is '10/fortnight'", exception.Message, StringComparison.Ordinal);
    }
}
