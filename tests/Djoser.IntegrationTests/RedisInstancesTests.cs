using System.Net;
using System.Text.RegularExpressions;
using Djoser.Redis;
using Djoser.Sample;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Djoser.IntegrationTests;

/// <summary>
/// Two instances of the sample on one PostgreSQL database and one Redis server (issue 12), each keeping its
/// authentication cache (<c>Djoser:AuthTokenCacheDuration</c> five minutes here, so only the shared revocation versions
/// can make a logout on one instance visible on the other): a revocation on either is refused by the other on the very
/// next request, links cross over, and the throttle counts are shared. The control, the same two instances without
/// Redis, shows the cache hiding a logout made elsewhere.
/// </summary>
public sealed class RedisInstancesTests
{
    /// <summary>Both instances hear the revocation channel: their caches are checked against local versions.</summary>
    [RedisFact]
    public Task TwoFreshInstances_LogoutOnB_IsRefusedOnA_OnTheVeryNextRequest() => LogoutOnBIsRefusedOnAAsync(listenA: true, listenB: true);

    /// <summary><c>Djoser:Redis:RevocationChannel</c> off: each cached request reads the user's version from Redis.</summary>
    [RedisFact]
    public Task TwoInstancesReadingVersions_LogoutOnB_IsRefusedOnA_OnTheVeryNextRequest() => LogoutOnBIsRefusedOnAAsync(listenA: false, listenB: false);

    /// <summary>A listening instance next to one that does not: the latter's revocations still reach the former.</summary>
    [RedisFact]
    public Task AFreshInstanceNextToOneReadingVersions_LogoutOnB_IsRefusedOnA_OnTheVeryNextRequest() => LogoutOnBIsRefusedOnAAsync(listenA: true, listenB: false);

    /// <summary>
    /// A freshly started instance first reads versions from Redis, then (its first heartbeat back) uses local ones:
    /// a revocation made while the other instance is in either phase is refused by it at once.
    /// </summary>
    [RedisFact]
    public async Task ARevocationMadeBeforeAndAfterTheChannelIsFresh_IsRefusedOnTheOtherInstance()
    {
        using var database = TestDatabase.CreatePostgres();
        var settings = RedisSettings();
        using var a = DjoserApp.OnSharedDatabase(database, settings);
        var clientA = a.CreateDjoserClient();
        var authToken = await ActiveUserTokenAsync(a, clientA);
        await FreshAsync(a);
        await WarmAsync(clientA, authToken);

        // B has just started: whether or not it is fresh yet, its logout reaches A's cache.
        using var b = DjoserApp.OnSharedDatabase(database, settings);
        var clientB = b.CreateDjoserClient();
        await WarmAsync(clientB, authToken);
        (await clientB.PostJsonAsync("/auth/token/destroy/", null, authToken)).IsEmpty(HttpStatusCode.NoContent);
        (await clientA.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");

        // And once B is fresh, A's logout reaches B's cache.
        authToken = await ActiveUserTokenAsync(a, clientA);
        await FreshAsync(b);
        await WarmAsync(clientA, authToken);
        await WarmAsync(clientB, authToken);
        (await clientA.PostJsonAsync("/auth/token/destroy/", null, authToken)).IsEmpty(HttpStatusCode.NoContent);
        (await clientB.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");

        a.AssertNoServerErrors();
        b.AssertNoServerErrors();
    }

    /// <summary>
    /// A fresh instance serves a warm token from memory without reading Redis: with the token's rows and the user's
    /// Redis version both deleted, the cached entry still answers (a version read would have missed and queried).
    /// </summary>
    [RedisFact]
    public async Task AFreshInstance_ServesAWarmTokenWithoutReadingTheVersion()
    {
        using var database = TestDatabase.CreatePostgres();
        var settings = RedisSettings();
        using var a = DjoserApp.OnSharedDatabase(database, settings);
        var client = a.CreateDjoserClient();
        var authToken = await ActiveUserTokenAsync(a, client);
        await FreshAsync(a);
        await WarmAsync(client, authToken);

        await using (var scope = a.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("DELETE FROM \"DjoserAuthTokens\"");
        }

        await using (var redis = await ConnectionMultiplexer.ConnectAsync(RedisFactAttribute.Configuration))
        {
            var server = redis.GetServer(redis.GetEndPoints()[0]);
            await foreach (var key in server.KeysAsync(pattern: settings["Djoser:Redis:KeyPrefix"] + "rev:*"))
            {
                await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth/me/", authToken)).Status);
        a.AssertNoServerErrors();
    }

    /// <summary>
    /// An instance in the registry that never acknowledges (a made-up id, as a hung process would be): the logout
    /// answers only once the serve window has passed, when such an instance can no longer trust its cache, and the
    /// other instance refuses the token at once.
    /// </summary>
    [RedisFact]
    public async Task ALiveInstanceThatDoesNotAcknowledge_HoldsALogoutForTheServeWindow()
    {
        using var database = TestDatabase.CreatePostgres();
        var settings = RedisSettings();
        using var a = DjoserApp.OnSharedDatabase(database, settings);
        using var b = DjoserApp.OnSharedDatabase(database, settings);
        var clientA = a.CreateDjoserClient();
        var clientB = b.CreateDjoserClient();
        var authToken = await ActiveUserTokenAsync(a, clientA);
        await FreshAsync(a);
        await FreshAsync(b);
        await WarmAsync(clientA, authToken);
        await WarmAsync(clientB, authToken);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisFactAttribute.Configuration);
        var now = await redis.GetServer(redis.GetEndPoints()[0]).TimeAsync();
        var registry = settings["Djoser:Redis:KeyPrefix"] + "{rev-feed}:instances";
        await redis.GetDatabase().SortedSetAddAsync(registry, "hung-instance", new DateTimeOffset(now, TimeSpan.Zero).ToUnixTimeMilliseconds() + 60_000);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        (await clientB.PostJsonAsync("/auth/token/destroy/", null, authToken)).IsEmpty(HttpStatusCode.NoContent);
        Assert.True(watch.Elapsed >= DjoserRevocationFeed.ServeWindow, $"The logout answered after {watch.Elapsed.TotalMilliseconds} ms.");
        (await clientA.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");

        a.AssertNoServerErrors();
        b.AssertNoServerErrors();
    }

    /// <summary>
    /// simplejwt access tokens on two fresh instances (the JWT user cache, by user id, checked the same way): an
    /// account deleted on A is refused on B at once, although B had the user cached.
    /// </summary>
    [RedisFact]
    public async Task TwoFreshInstances_Jwt_AUserDeletedOnA_IsRefusedOnB_OnTheVeryNextRequest()
    {
        using var database = TestDatabase.CreatePostgres();
        var settings = new Dictionary<string, string?>(RedisSettings())
        {
            ["Djoser:UrlLayout"] = "V2",
            ["Djoser:UsernameResetConfirmUrl"] = "#/username/reset/confirm/{uid}/{token}",
            ["Djoser:AuthenticationSchemes:0"] = "Jwt",
            ["Djoser:Jwt:SigningKey"] = JwtAuthenticationTests.Secret,
        };
        using var a = DjoserApp.OnSharedDatabase(database, settings);
        using var b = DjoserApp.OnSharedDatabase(database, settings);
        var clientA = a.CreateDjoserClient();
        var clientB = b.CreateDjoserClient();
        await FreshAsync(a);
        await FreshAsync(b);
        var email = $"user-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await clientA.PostJsonAsync("/auth/users/", new
        {
            email,
            password = DjoserTestBase.Password,
            re_password = DjoserTestBase.Password,
            first_name = "Ada",
            last_name = "Lovelace",
        })).Status);
        var (uid, token) = SharedInstancesTests.ActivationLink(a, email);
        (await clientA.PostJsonAsync("/auth/users/activation/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);
        var login = await clientA.PostJsonAsync("/auth/jwt/create/", new { email, password = DjoserTestBase.Password });
        Assert.Equal(HttpStatusCode.OK, login.Status);
        var bearer = "Bearer " + login.Json!["access"]!.GetValue<string>();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await clientA.SendAsync(HttpMethod.Get, "/auth/users/me/", null, null, bearer)).Status);
            Assert.Equal(HttpStatusCode.OK, (await clientB.SendAsync(HttpMethod.Get, "/auth/users/me/", null, null, bearer)).Status);
        }

        using var body = new StringContent($$"""{"current_password":"{{DjoserTestBase.Password}}"}""", System.Text.Encoding.UTF8, "application/json");
        var deleted = await clientA.SendAsync(HttpMethod.Delete, "/auth/users/me/", body, null, bearer);
        deleted.IsEmpty(HttpStatusCode.NoContent);
        (await clientB.SendAsync(HttpMethod.Get, "/auth/users/me/", null, null, bearer))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"User not found","code":"user_not_found"}""");

        a.AssertNoServerErrors();
        b.AssertNoServerErrors();
    }

    private static async Task LogoutOnBIsRefusedOnAAsync(bool listenA, bool listenB)
    {
        using var database = TestDatabase.CreatePostgres();
        var settings = RedisSettings();
        using var a = DjoserApp.OnSharedDatabase(database, Listening(settings, listenA));
        using var b = DjoserApp.OnSharedDatabase(database, Listening(settings, listenB));
        var clientA = a.CreateDjoserClient();
        var clientB = b.CreateDjoserClient();
        foreach (var (app, listens) in new[] { (a, listenA), (b, listenB) })
        {
            if (listens)
            {
                await FreshAsync(app);
            }
            else
            {
                Assert.False(app.Services.GetRequiredService<DjoserRevocationFeed>().IsFresh);
            }
        }

        var email = $"user-{Guid.NewGuid():N}@example.com";

        Assert.Equal(HttpStatusCode.Created, (await SharedInstancesTests.RegisterAsync(clientA, email)).Status);
        var (uid, token) = SharedInstancesTests.ActivationLink(a, email);
        (await clientB.PostJsonAsync("/auth/users/activate/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);
        var authToken = await LoginAsync(clientA, email, DjoserTestBase.Password);
        await WarmAsync(clientA, authToken);
        await WarmAsync(clientB, authToken);

        (await clientB.PostJsonAsync("/auth/token/destroy/", null, authToken)).IsEmpty(HttpStatusCode.NoContent);
        (await clientA.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");

        // And the other way round, for a deletion.
        authToken = await LoginAsync(clientB, email, DjoserTestBase.Password);
        await WarmAsync(clientA, authToken);
        await WarmAsync(clientB, authToken);
        (await clientA.PostJsonAsync("/auth/users/delete/", new { current_password = DjoserTestBase.Password }, authToken)).IsEmpty(HttpStatusCode.NoContent);
        (await clientB.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");

        a.AssertNoServerErrors();
        b.AssertNoServerErrors();
    }

    [RedisFact]
    public async Task TwoInstances_DeactivationOnA_IsRefusedOnB_AndAResetLinkFromAIsConfirmedOnB()
    {
        using var database = TestDatabase.CreatePostgres();
        var settings = RedisSettings();
        using var a = DjoserApp.OnSharedDatabase(database, settings);
        using var b = DjoserApp.OnSharedDatabase(database, settings);
        var clientA = a.CreateDjoserClient();
        var clientB = b.CreateDjoserClient();
        var email = $"user-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await SharedInstancesTests.RegisterAsync(clientA, email)).Status);
        var (uid, token) = SharedInstancesTests.ActivationLink(a, email);
        (await clientA.PostJsonAsync("/auth/users/activate/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);

        // The reset link e-mailed by A works on B, and the new password logs in on A.
        (await clientA.PostJsonAsync("/auth/password/reset/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        var (resetUid, resetToken) = Link(a, email, "password/reset/confirm");
        const string newPassword = "brand-New-Secret-31";
        (await clientB.PostJsonAsync("/auth/password/reset/confirm/", new { uid = resetUid, token = resetToken, new_password = newPassword }))
            .IsEmpty(HttpStatusCode.NoContent);
        var authToken = await LoginAsync(clientA, email, newPassword);

        // Deactivated on A (a new e-mail address waits for its activation, djoser 1.1's rule): B refuses at once.
        await WarmAsync(clientB, authToken);
        var newEmail = $"user-{Guid.NewGuid():N}@example.com";
        (await clientA.PostJsonAsync("/auth/email/", new { new_email = newEmail, current_password = newPassword }, authToken)).IsEmpty(HttpStatusCode.NoContent);
        (await clientB.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.Unauthorized, """{"detail":"User inactive or deleted."}""");

        a.AssertNoServerErrors();
        b.AssertNoServerErrors();
    }

    /// <summary>The cache is kept with Redis: a token deleted behind djoser's back still works until its entry expires.</summary>
    [RedisFact]
    public async Task WithRedis_AWarmTokenIsServedFromTheCache()
    {
        using var database = TestDatabase.CreatePostgres();
        using var a = DjoserApp.OnSharedDatabase(database, RedisSettings());
        var client = a.CreateDjoserClient();
        var authToken = await ActiveUserTokenAsync(a, client);
        await WarmAsync(client, authToken);

        await using (var scope = a.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("DELETE FROM \"DjoserAuthTokens\"");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth/me/", authToken)).Status);
        a.AssertNoServerErrors();
    }

    /// <summary>The control: without Redis, each instance's cache hides a logout made on the other.</summary>
    [RedisFact]
    public async Task WithoutRedis_ALogoutOnBIsNotSeenByAWarmCacheOnA()
    {
        using var database = TestDatabase.CreatePostgres();
        var settings = new Dictionary<string, string?> { ["Djoser:AuthTokenCacheDuration"] = "00:05:00" };
        using var a = DjoserApp.OnSharedDatabase(database, settings);
        using var b = DjoserApp.OnSharedDatabase(database, settings);
        var clientA = a.CreateDjoserClient();
        var clientB = b.CreateDjoserClient();
        var authToken = await ActiveUserTokenAsync(a, clientA);
        await WarmAsync(clientA, authToken);

        (await clientB.PostJsonAsync("/auth/token/destroy/", null, authToken)).IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.OK, (await clientA.GetAsync("/auth/me/", authToken)).Status);
        (await clientB.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");

        a.AssertNoServerErrors();
        b.AssertNoServerErrors();
    }

    [RedisFact]
    public async Task TwoInstances_ShareTheLoginThrottle()
    {
        using var database = TestDatabase.CreatePostgres();
        var settings = new Dictionary<string, string?>(RedisSettings())
        {
            ["Djoser:Throttling:Enabled"] = "true",
            ["Djoser:Throttling:Login:Rate"] = "3/min",
        };
        using var a = DjoserApp.OnSharedDatabase(database, settings);
        using var b = DjoserApp.OnSharedDatabase(database, settings);
        var clientA = a.CreateDjoserClient();
        var clientB = b.CreateDjoserClient();

        // Both test servers' requests come from no address: one partition, counted in Redis for both.
        Assert.Equal(HttpStatusCode.BadRequest, (await WrongLoginAsync(clientA)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await WrongLoginAsync(clientB)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await WrongLoginAsync(clientA)).Status);
        var throttled = await WrongLoginAsync(clientB);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Matches("""^\{"detail":"Request was throttled\. Expected available in (60|59) seconds\."\}$""", throttled.Body);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WrongLoginAsync(clientA)).Status);

        a.AssertNoServerErrors();
        b.AssertNoServerErrors();
    }

    /// <summary>
    /// Redis configured but not answering (a closed port): nothing cached is trusted, so a token deleted behind
    /// djoser's back is refused at once, every request is still answered, and throttling counts in the process.
    /// </summary>
    [Fact]
    public async Task RedisDown_RequestsAreAnsweredFromTheDatabase_AndThrottlingCountsPerInstance()
    {
        using var database = TestDatabase.CreateShared();
        using var a = DjoserApp.OnSharedDatabase(database, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500",
            ["Djoser:AuthTokenCacheDuration"] = "00:05:00",
            ["Djoser:Throttling:Enabled"] = "true",
            ["Djoser:Throttling:Login:Rate"] = "3/min",
        });
        var client = a.CreateDjoserClient();
        var authToken = await ActiveUserTokenAsync(a, client);
        await WarmAsync(client, authToken);

        await using (var scope = a.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("DELETE FROM \"DjoserAuthTokens\"");
        }

        (await client.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");

        // The login above was the first of three allowed a minute.
        Assert.Equal(HttpStatusCode.BadRequest, (await WrongLoginAsync(client)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await WrongLoginAsync(client)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WrongLoginAsync(client)).Status);
        a.AssertNoServerErrors();
    }

    [Fact]
    public void Start_UnparsableRedisConfiguration_FailsNamingTheSetting()
    {
        using var database = TestDatabase.CreateShared();
        using var app = DjoserApp.OnSharedDatabase(database, new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "127.0.0.1:6379,nosuchoption=1" });
        var exception = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Djoser:Redis:Configuration (or ConnectionStrings:Redis) is not a StackExchange.Redis configuration string", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>Both instances on this run's Redis, under a key prefix of their own so runs and tests never meet.</summary>
    private static Dictionary<string, string?> RedisSettings() => new()
    {
        ["ConnectionStrings:Redis"] = RedisFactAttribute.Configuration,
        ["Djoser:Redis:KeyPrefix"] = $"djoser-test:{Guid.NewGuid():N}:",
        ["Djoser:AuthTokenCacheDuration"] = "00:05:00",
    };

    private static Task<DjoserResponse> WrongLoginAsync(DjoserClient client) =>
        client.PostJsonAsync("/auth/token/create/", new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "wrong" });

    private static async Task<string> LoginAsync(DjoserClient client, string email, string password)
    {
        var login = await client.PostJsonAsync("/auth/token/create/", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.Status);
        return login.Json!["auth_token"]!.GetValue<string>();
    }

    private static async Task<string> ActiveUserTokenAsync(DjoserApp app, DjoserClient client)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await SharedInstancesTests.RegisterAsync(client, email)).Status);
        var (uid, token) = SharedInstancesTests.ActivationLink(app, email);
        (await client.PostJsonAsync("/auth/users/activate/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);
        return await LoginAsync(client, email, DjoserTestBase.Password);
    }

    private static Dictionary<string, string?> Listening(Dictionary<string, string?> settings, bool listens) =>
        new(settings) { ["Djoser:Redis:RevocationChannel"] = listens ? "true" : "false" };

    /// <summary>Waits until the instance has heard its own heartbeat on the revocation channel (milliseconds after start).</summary>
    private static async Task FreshAsync(DjoserApp app)
    {
        var feed = app.Services.GetRequiredService<DjoserRevocationFeed>();
        for (var i = 0; i < 500 && !feed.IsFresh; i++)
        {
            await Task.Delay(10);
        }

        Assert.True(feed.IsFresh, "The instance's revocation channel did not become fresh within 5 s.");
    }

    /// <summary>Three authenticated requests: with shared versions a token is served from the cache from its third on.</summary>
    private static async Task WarmAsync(DjoserClient client, string authToken)
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth/me/", authToken)).Status);
        }
    }

    private static (string Uid, string Token) Link(DjoserApp app, string email, string path)
    {
        var message = app.Emails.Last(m => m.To.Mailboxes.Any(box => box.Address == email));
        var match = Regex.Match(message.TextBody ?? string.Empty, "#/" + Regex.Escape(path) + "/([A-Za-z0-9_-]+)/([A-Za-z0-9_.-]+)");
        Assert.True(match.Success, $"No #/{path}/<uid>/<token> link in: {message.TextBody}");
        return (match.Groups[1].Value, match.Groups[2].Value);
    }
}

/// <summary>
/// A test that needs a Redis server (<c>DJOSER_TEST_REDIS</c>, default <c>127.0.0.1:6379</c>; <c>.ci/run</c> starts
/// one) and PostgreSQL (<c>DJOSER_TEST_POSTGRES</c>), in either pass. Skipped, saying why, when one does not answer,
/// except under CI (<c>CI=true</c>), where it runs and fails with the reason.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> RedisProblem = new(ProbeRedis);

    public RedisFactAttribute()
    {
        if (PostgresFactAttribute.UnderCi)
        {
            return;
        }

        if (RedisProblem.Value is { } redis)
        {
            Skip = "No Redis: " + redis + "; set CI=true to fail instead.";
        }
        else if (TestDatabase.PostgresUnavailable is { } postgres)
        {
            Skip = "No PostgreSQL: " + postgres + "; set CI=true to fail instead.";
        }
    }

    /// <summary>The StackExchange.Redis configuration of the test server.</summary>
    public static string Configuration =>
        Environment.GetEnvironmentVariable("DJOSER_TEST_REDIS") is { Length: > 0 } value ? value : "127.0.0.1:6379";

    private static string? ProbeRedis()
    {
        try
        {
            var options = ConfigurationOptions.Parse(Configuration);
            options.ConnectTimeout = 2000;
            using var connection = ConnectionMultiplexer.Connect(options);
            connection.GetDatabase().Ping();
            return null;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ArgumentException)
        {
            return $"the Redis server at {Configuration} does not answer: {exception.Message}";
        }
    }
}
