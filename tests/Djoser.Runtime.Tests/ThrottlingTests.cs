using System.Threading.RateLimiting;
using Djoser.Authentication;
using Djoser.Configuration;
using Djoser.Throttling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Djoser.Runtime.Tests;

/// <summary>The throttle's pieces: DRF's rate syntax and texts, the sliding-log limiter on a fake clock, the option checks.</summary>
public sealed class ThrottlingTests
{
    [Theory]
    [InlineData("10/min", 10, 60)]
    [InlineData("1/s", 1, 1)]
    [InlineData("5/hour", 5, 3600)]
    [InlineData("100/day", 100, 86400)]
    [InlineData("3/Minute", 3, 60)]
    public void Rate_DrfSyntax_ReadsTheFirstLetterOfThePeriod(string text, int permits, int seconds)
    {
        Assert.True(DjoserThrottleRate.TryParse(text, out var rate));
        Assert.Equal(new DjoserThrottleRate(permits, TimeSpan.FromSeconds(seconds)), rate);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10/")]
    [InlineData("/min")]
    [InlineData("0/min")]
    [InlineData("-1/min")]
    [InlineData("ten/min")]
    [InlineData("10/week")]
    public void Rate_NotDrfSyntax_IsRefused(string? text) => Assert.False(DjoserThrottleRate.TryParse(text, out _));

    [Theory]
    [InlineData(1, "Request was throttled. Expected available in 1 second.")]
    [InlineData(2, "Request was throttled. Expected available in 2 seconds.")]
    [InlineData(60, "Request was throttled. Expected available in 60 seconds.")]
    public void ThrottledDetail_IsDrfsText_SingularForOneSecond(int seconds, string expected) =>
        Assert.Equal(expected, DjoserThrottledResult.Detail(seconds));

    [Fact]
    public void SlidingLog_RefusesOverTheLimit_WithTheWaitUntilTheOldestLeavesTheWindow()
    {
        var time = new FakeTimeProvider();
        using var limiter = new DjoserSlidingLogRateLimiter(new DjoserThrottleRate(3, TimeSpan.FromMinutes(1)), time);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.True(limiter.AttemptAcquire().IsAcquired);

        using var refused = limiter.AttemptAcquire();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(40), wait);
        Assert.Null(limiter.IdleDuration);

        // The first request leaves the window: one slot frees, the two later ones still count.
        time.Advance(TimeSpan.FromSeconds(40));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        Assert.Equal(2, limiter.GetStatistics()!.TotalFailedLeases);
    }

    [Fact]
    public void SlidingLog_IsIdleOnlyOnceEveryRequestLeftTheWindow()
    {
        var time = new FakeTimeProvider();
        using var limiter = new DjoserSlidingLogRateLimiter(new DjoserThrottleRate(2, TimeSpan.FromMinutes(1)), time);
        limiter.AttemptAcquire().Dispose();
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Null(limiter.IdleDuration);

        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(TimeSpan.FromSeconds(10), limiter.IdleDuration);
        Assert.Equal(2, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public void Validator_NamesTheKeyOfEachBadRate()
    {
        var options = new DjoserOptions();
        options.Throttling.Login.Rate = "10/fortnight";
        options.Throttling.Register.PermitLimit = 0;
        options.Throttling.LoginUsername.Window = TimeSpan.Zero;
        options.Lockout.MaxFailedAccessAttempts = 0;
        options.Lockout.Duration = TimeSpan.Zero;

        var result = new DjoserThrottlingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Djoser:Throttling:Login:Rate is '10/fortnight'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Djoser:Throttling:Register:PermitLimit must be at least 1", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Djoser:Throttling:LoginUsername:Window must be positive", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Djoser:Lockout:MaxFailedAccessAttempts must be at least 1", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Djoser:Lockout:Duration must be positive", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_Defaults_AndSwitchedOffSections_Pass()
    {
        Assert.True(new DjoserThrottlingOptionsValidator().Validate(null, new DjoserOptions()).Succeeded);
        var off = new DjoserOptions();
        off.Throttling.Enabled = false;
        off.Throttling.Login.PermitLimit = 0;
        off.Lockout.Enabled = false;
        off.Lockout.Duration = TimeSpan.Zero;
        Assert.True(new DjoserThrottlingOptionsValidator().Validate(null, off).Succeeded);
    }

    [Fact]
    public void Groups_MapEveryLayoutsUrlNames_WithTheUsernameField_AndOnlyPostOfTheUserList()
    {
        var groups = new DjoserThrottleGroups("email");
        Assert.Equal(DjoserThrottleGroup.Login, groups.Of("token-create", "POST"));
        Assert.Equal(DjoserThrottleGroup.Login, groups.Of("jwt-create", "POST"));
        Assert.Equal(DjoserThrottleGroup.Register, groups.Of("user-list", "POST"));
        Assert.Null(groups.Of("user-list", "GET"));
        Assert.Equal(DjoserThrottleGroup.Reset, groups.Of("user-reset-email", "POST"));
        Assert.Equal(DjoserThrottleGroup.Confirm, groups.Of("user-reset-email-confirm", "POST"));
        Assert.Equal(DjoserThrottleGroup.ResendActivation, groups.Of("user-resend-activation", "POST"));
        Assert.Null(groups.Of("user-reset-{username}", "POST"));
        Assert.Null(groups.Of("user-me", "GET"));
    }

    [Fact]
    public async Task SignIn_FifthWrongPassword_LocksOut_RightPasswordRefusedUntilTheDurationPasses()
    {
        using var host = new TestHost();
        var id = await host.CreateUserAsync("ann", password: "s3cret-Pa55word");
        var outcomes = new List<DjoserPasswordCheck>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await CheckAsync(host, id, "wrong"));
        }

        Assert.Equal([.. Enumerable.Repeat(DjoserPasswordCheck.Failed, 4), DjoserPasswordCheck.LockedOut], outcomes);
        Assert.Equal(DjoserPasswordCheck.LockedOut, await CheckAsync(host, id, "s3cret-Pa55word"));

        host.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(DjoserPasswordCheck.Succeeded, await CheckAsync(host, id, "s3cret-Pa55word"));
    }

    [Fact]
    public async Task SignIn_RightPassword_ResetsTheCountInTheDatabase()
    {
        using var host = new TestHost();
        var id = await host.CreateUserAsync("ann", password: "s3cret-Pa55word");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(DjoserPasswordCheck.Failed, await CheckAsync(host, id, "wrong"));
        }

        Assert.Equal(3, await FailedCountAsync(host, id));
        Assert.Equal(DjoserPasswordCheck.Succeeded, await CheckAsync(host, id, "s3cret-Pa55word"));
        Assert.Equal(0, await FailedCountAsync(host, id));
    }

    [Fact]
    public async Task SignIn_LockoutOff_NeverLocks_AndTheLockedOutTextIsOptIn()
    {
        using var host = new TestHost(settings: new()
        {
            ["Djoser:Lockout:Enabled"] = "false",
            ["Djoser:Lockout:MaxFailedAccessAttempts"] = "7",
            ["Djoser:Lockout:Duration"] = "00:07:00",
        });
        var id = await host.CreateUserAsync("ann", password: "s3cret-Pa55word");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(DjoserPasswordCheck.Failed, await CheckAsync(host, id, "wrong"));
        }

        Assert.Equal(DjoserPasswordCheck.Succeeded, await CheckAsync(host, id, "s3cret-Pa55word"));

        await using var scope = host.Scope();
        var signIn = scope.ServiceProvider.GetRequiredService<DjoserPasswordSignIn<IdentityUser, string>>();
        Assert.Equal("wrong-password text", signIn.FailureMessage(DjoserPasswordCheck.LockedOut, "wrong-password text"));
        var identity = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        Assert.Equal(7, identity.Lockout.MaxFailedAccessAttempts);
        Assert.Equal(TimeSpan.FromMinutes(7), identity.Lockout.DefaultLockoutTimeSpan);
    }

    [Fact]
    public async Task Throttle_ReplacedLimiters_AreTheOnesUsed()
    {
        var limiters = new CountingLimiters();
        using var host = new TestHost(services => services.AddSingleton<IDjoserThrottleLimiters>(limiters));
        var throttle = host.Services.GetRequiredService<DjoserThrottle>();
        Assert.Null(throttle.CheckLoginUsername("ANN"));
        Assert.IsType<DjoserThrottledResult>(throttle.CheckLoginUsername("ANN"));
        Assert.Equal(["djoser:login:username:ANN"], limiters.Keys);
    }

    [Fact]
    public async Task Throttle_ByAddress_CountsAnIpv4ClientOnADualStackSocketAsItself_AndLeavesOtherUrlsAlone()
    {
        using var host = new TestHost(settings: new() { ["Djoser:Throttling:Login:Rate"] = "1/min" });
        var throttle = host.Services.GetRequiredService<DjoserThrottle>();

        Assert.Null(throttle.CheckAddress(Request("token-create", "203.0.113.7")));
        var refused = Assert.IsType<DjoserThrottledResult>(throttle.CheckAddress(Request("token-create", "::ffff:203.0.113.7")));
        Assert.Equal(60, refused.RetryAfterSeconds);
        Assert.Null(throttle.CheckAddress(Request("token-create", "203.0.113.8")));
        Assert.Null(throttle.CheckAddress(Request("user-me", "203.0.113.7")));

        var http = Request("token-create", "203.0.113.7");
        http.Response.Body = new MemoryStream();
        await refused.ExecuteAsync(http);
        Assert.Equal(429, http.Response.StatusCode);
        Assert.Equal("60", http.Response.Headers.RetryAfter.ToString());

        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(throttle.CheckAddress(Request("token-create", "203.0.113.7")));
    }

    private static DefaultHttpContext Request(string urlName, string address)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
        http.SetEndpoint(new Endpoint(null,
            new EndpointMetadataCollection(new Djoser.Endpoints.DjoserEndpointMetadata(urlName, null, "AllowAny")), urlName));
        return http;
    }

    private static async Task<DjoserPasswordCheck> CheckAsync(TestHost host, string id, string password)
    {
        await using var scope = host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<DjoserPasswordSignIn<IdentityUser, string>>();
        return await signIn.CheckPasswordAsync(await users.FindByIdAsync(id), password, CancellationToken.None);
    }

    private static async Task<int> FailedCountAsync(TestHost host, string id)
    {
        await using var scope = host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return (await users.FindByIdAsync(id))!.AccessFailedCount;
    }

    /// <summary>A stand-in for a shared store: one permit per partition, and the partitions created.</summary>
    private sealed class CountingLimiters : IDjoserThrottleLimiters
    {
        public List<string> Keys { get; } = [];

        public RateLimitPartition<string> Partition(string partitionKey, DjoserThrottleRate rate)
        {
            return RateLimitPartition.Get(partitionKey, key =>
            {
                Keys.Add(key);
                return new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromHours(1) });
            });
        }
    }
}
