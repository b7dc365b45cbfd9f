using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests;

/// <summary>The sample with <c>Djoser:Token:*</c> opt-ins, on a clock the tests move forward.</summary>
public abstract class TokenClockApp(IDictionary<string, string?> settings) : DjoserApp(new Dictionary<string, string?>(settings))
{
    /// <summary>The app's clock: now, until a test moves it on.</summary>
    public JwtDjoserApp.ForwardClock Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}

/// <summary>djoser 1.1 with per-device tokens that live a day from their login, and <c>LogoutOnPasswordChange</c>.</summary>
public sealed class PerDeviceApp() : TokenClockApp(new Dictionary<string, string?>
{
    ["Djoser:Token:PerDevice"] = "true",
    ["Djoser:Token:Lifetime"] = "1.00:00:00",
    ["Djoser:LogoutOnPasswordChange"] = "true",
});

/// <summary>djoser 2.3 with per-device tokens on a sliding ten-hour lifetime.</summary>
public sealed class PerDeviceV2App() : TokenClockApp(new Dictionary<string, string?>
{
    ["Djoser:UrlLayout"] = "V2",
    ["Djoser:UsernameResetConfirmUrl"] = "#/username/reset/confirm/{uid}/{token}",
    ["Djoser:Token:PerDevice"] = "true",
    ["Djoser:Token:Lifetime"] = "10:00:00",
    ["Djoser:Token:Expiration"] = "Sliding",
});

/// <summary>djoser 1.1's one token per user, living an hour from its login.</summary>
public sealed class ExpiringTokenApp() : TokenClockApp(new Dictionary<string, string?> { ["Djoser:Token:Lifetime"] = "01:00:00" });

/// <summary>Shared steps of the token opt-in tests.</summary>
public abstract class TokenOptInTestBase(TokenClockApp app) : DjoserTestBase(app)
{
    protected const string InvalidToken = """{"detail":"Invalid token."}""";

    protected JwtDjoserApp.ForwardClock Time => ((TokenClockApp)App).Time;

    protected async Task<string> LoginFromAsync(string email, string? device, string? userAgent = null)
    {
        var body = new Dictionary<string, string?> { ["email"] = email, ["password"] = Password };
        if (device is not null)
        {
            body["device"] = device;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Paths.Login) { Content = JsonContent.Create(body) };
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        using var response = await Client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["auth_token"]!.GetValue<string>();
    }

    protected async Task<JsonArray> DevicesAsync(string token)
    {
        var response = await Client.GetAsync("/auth/token/devices/", token);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return Assert.IsType<JsonArray>(response.Json);
    }

    protected static string IdOf(JsonArray devices, string device) =>
        devices.Single(d => d!["device"]?.GetValue<string>() == device)!["id"]!.GetValue<string>();
}

/// <summary>Per-device tokens on djoser 1.1's layout: the list, revoking one, logging out one or everywhere, and every revocation path.</summary>
public sealed class DeviceTokenTests(PerDeviceApp app) : TokenOptInTestBase(app), IClassFixture<PerDeviceApp>
{
    [Fact]
    public async Task Login_EachDevice_GetsItsOwnToken_ListedWithoutKeys()
    {
        var (email, _) = await ActiveUserAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        var phone = await LoginFromAsync(email, "phone");
        Time.Advance(TimeSpan.FromMinutes(1));
        var laptop = await LoginFromAsync(email, "laptop");
        Assert.NotEqual(phone, laptop);

        var response = await Client.GetAsync("/auth/token/devices/", laptop);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.DoesNotContain(phone, response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(laptop, response.Body, StringComparison.Ordinal);
        var devices = Assert.IsType<JsonArray>(response.Json);
        // ActiveUserAsync's own login (no device, no User-Agent) is the oldest.
        Assert.Equal(["laptop", "phone", null], devices.Select(d => d!["device"]?.GetValue<string>()));
        var newest = devices[0]!.AsObject();
        Assert.Equal(["id", "device", "created", "last_used", "expires", "current"], newest.Select(p => p.Key));
        Assert.True(Guid.TryParse(newest["id"]!.GetValue<string>(), out _));
        Assert.True(newest["current"]!.GetValue<bool>());
        Assert.False(devices[1]!["current"]!.GetValue<bool>());
        var created = DateTimeOffset.Parse(newest["created"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var expires = DateTimeOffset.Parse(newest["expires"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - created, TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Assert.EndsWith("Z", newest["created"]!.GetValue<string>(), StringComparison.Ordinal);

        // The other device sees the same list, with itself as the current one.
        var fromPhone = await DevicesAsync(phone);
        Assert.True(fromPhone.Single(d => d!["current"]!.GetValue<bool>())!["device"]!.GetValue<string>() == "phone");
    }

    [Fact]
    public async Task Login_WithoutDeviceField_IsNamedByItsUserAgent_CutTo200Characters()
    {
        var (email, token) = await ActiveUserAsync();
        await LoginFromAsync(email, null, "Mozilla/5.0 (Test)");
        await LoginFromAsync(email, new string('x', 300));
        await LoginFromAsync(email, "  ", "curl/8.0");

        var names = (await DevicesAsync(token)).Select(d => d!["device"]?.GetValue<string>()).ToList();
        Assert.Contains("Mozilla/5.0 (Test)", names);
        Assert.Contains(new string('x', 200), names);
        Assert.Contains("curl/8.0", names);
    }

    [Fact]
    public async Task Login_DeviceNotAString_Returns400WithFieldError()
    {
        var (email, _) = await ActiveUserAsync();
        (await Client.PostJsonAsync(Paths.Login, new { email, password = Password, device = new[] { 1 } }))
            .Is(HttpStatusCode.BadRequest, """{"device":["Not a valid string."]}""");
    }

    [Fact]
    public async Task Logout_DeletesOnlyTheTokenUsed()
    {
        var (email, first) = await ActiveUserAsync();
        var second = await LoginFromAsync(email, "second");

        (await Client.PostJsonAsync(Paths.Logout, null, first)).IsEmpty(HttpStatusCode.NoContent);

        (await Client.GetAsync(Paths.Me, first)).Is(HttpStatusCode.Unauthorized, InvalidToken);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, second)).Status);
        Assert.Equal(["second"], (await DevicesAsync(second)).Select(d => d!["device"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Revoke_OwnToken_Returns204AndTheTokenStopsWorking()
    {
        var (email, current) = await ActiveUserAsync();
        var stolen = await LoginFromAsync(email, "stolen");
        var id = IdOf(await DevicesAsync(current), "stolen");

        (await Client.SendJsonAsync(HttpMethod.Delete, $"/auth/token/devices/{id}/", null, current)).IsEmpty(HttpStatusCode.NoContent);

        (await Client.GetAsync(Paths.Me, stolen)).Is(HttpStatusCode.Unauthorized, InvalidToken);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, current)).Status);
        (await Client.SendJsonAsync(HttpMethod.Delete, $"/auth/token/devices/{id}/", null, current)).Is(HttpStatusCode.NotFound, """{"detail":"Not found."}""");
    }

    [Fact]
    public async Task Revoke_AnotherUsersToken_Returns404AndLeavesItAlive()
    {
        var (_, ann) = await ActiveUserAsync();
        var (_, bob) = await ActiveUserAsync();
        var bobsId = (await DevicesAsync(bob))[0]!["id"]!.GetValue<string>();

        (await Client.SendJsonAsync(HttpMethod.Delete, $"/auth/token/devices/{bobsId}/", null, ann)).Is(HttpStatusCode.NotFound, """{"detail":"Not found."}""");

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, bob)).Status);
        Assert.Single(await DevicesAsync(bob));
        Assert.Single(await DevicesAsync(ann));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Revoke_UnknownOrMalformedId_Returns404(string id)
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.SendJsonAsync(HttpMethod.Delete, $"/auth/token/devices/{id}/", null, token)).Is(HttpStatusCode.NotFound, """{"detail":"Not found."}""");
    }

    [Fact]
    public async Task Devices_Anonymous_Returns401()
    {
        (await Client.GetAsync("/auth/token/devices/")).Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendJsonAsync(HttpMethod.Delete, $"/auth/token/devices/{Guid.NewGuid()}/", null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostJsonAsync("/auth/token/destroy/all/", null)).Status);
    }

    [Fact]
    public async Task LogoutAll_DeletesEveryTokenOfTheUserOnly()
    {
        var (email, first) = await ActiveUserAsync();
        var second = await LoginFromAsync(email, "second");
        var (_, other) = await ActiveUserAsync();

        (await Client.PostJsonAsync("/auth/token/destroy/all/", null, second)).IsEmpty(HttpStatusCode.NoContent);

        (await Client.GetAsync(Paths.Me, first)).Is(HttpStatusCode.Unauthorized, InvalidToken);
        (await Client.GetAsync(Paths.Me, second)).Is(HttpStatusCode.Unauthorized, InvalidToken);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, other)).Status);
    }

    [Fact]
    public async Task Token_AfterItsLifetime_IsInvalidAndLeavesTheList()
    {
        var (email, old) = await ActiveUserAsync();
        Time.Advance(TimeSpan.FromHours(23));
        var fresh = await LoginFromAsync(email, "fresh");
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, old)).Status);

        // Absolute: the day counts from the login, however often the token was used.
        Time.Advance(TimeSpan.FromHours(1));
        (await Client.GetAsync(Paths.Me, old)).Is(HttpStatusCode.Unauthorized, InvalidToken);
        Assert.Equal(["fresh"], (await DevicesAsync(fresh)).Select(d => d!["device"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SetPassword_WithLogoutOnPasswordChange_RevokesEveryDevice()
    {
        var (email, first) = await ActiveUserAsync();
        var second = await LoginFromAsync(email, "second");

        (await Client.PostJsonAsync(Paths.SetPassword, new { new_password = "another-Secret-77", current_password = Password }, first)).IsEmpty(HttpStatusCode.NoContent);

        (await Client.GetAsync(Paths.Me, first)).Is(HttpStatusCode.Unauthorized, InvalidToken);
        (await Client.GetAsync(Paths.Me, second)).Is(HttpStatusCode.Unauthorized, InvalidToken);
    }

    [Fact]
    public async Task PasswordReset_RevokesEveryDevice()
    {
        var (email, first) = await ActiveUserAsync();
        var second = await LoginFromAsync(email, "second");

        // The pickup folder orders e-mails by the app's clock, which stands still unless moved.
        Time.Advance(TimeSpan.FromSeconds(1));
        (await Client.PostJsonAsync(Paths.ResetPassword, new { email })).IsEmpty(HttpStatusCode.NoContent);
        var (uid, token) = LinkIn(email, "password/reset/confirm");
        (await Client.PostJsonAsync(Paths.ResetPasswordConfirm, new { uid, token, new_password = "third-Secret-99" })).IsEmpty(HttpStatusCode.NoContent);

        (await Client.GetAsync(Paths.Me, first)).Is(HttpStatusCode.Unauthorized, InvalidToken);
        (await Client.GetAsync(Paths.Me, second)).Is(HttpStatusCode.Unauthorized, InvalidToken);
    }

    [Fact]
    public async Task DeleteUser_RevokesEveryDevice()
    {
        var (email, first) = await ActiveUserAsync();
        var second = await LoginFromAsync(email, "second");

        (await Client.PostJsonAsync(Paths.Delete!, new { current_password = Password }, first)).IsEmpty(HttpStatusCode.NoContent);

        (await Client.GetAsync(Paths.Me, first)).Is(HttpStatusCode.Unauthorized, InvalidToken);
        (await Client.GetAsync(Paths.Me, second)).Is(HttpStatusCode.Unauthorized, InvalidToken);
    }

    [Fact]
    public async Task Root_ListsTheDeviceUrlsWithoutRouteValues()
    {
        var root = (await Client.GetAsync("/auth/")).Json!.AsObject();
        Assert.EndsWith("/auth/token/devices/", root["token-devices"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("/auth/token/destroy/all/", root["token-destroy-all"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(root.ContainsKey("token-device"));
    }

    [Fact]
    public void RouteTable_MatchesSnapshot()
    {
        App.CreateClient().Dispose();
        RouteTableTests.Verify("V1-PerDevice", App.Services);
    }

    [Fact]
    public async Task OpenApi_MatchesSnapshot()
    {
        using var client = App.CreateClient();
        var json = (await client.GetStringAsync("/openapi/v1.json")).ReplaceLineEndings("\n");
        SnapshotFile.Verify(Path.Combine(Directory(), "OpenApi"), "V1-PerDevice", "json", json, "The V1-PerDevice OpenAPI document");

        var document = JsonNode.Parse(json)!;
        Assert.Equal(["id", "device", "created", "last_used", "expires", "current"],
            document["components"]!["schemas"]!["DjoserAuthTokenDeviceResponse"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.NotNull(document["paths"]!["/auth/token/devices/{id}/"]!["delete"]!["responses"]!["404"]);
    }

    private static string Directory([System.Runtime.CompilerServices.CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;
}

/// <summary>Per-device tokens on djoser 2.3's layout, with a sliding lifetime.</summary>
public sealed class DeviceTokenV2Tests(PerDeviceV2App app) : TokenOptInTestBase(app), IClassFixture<PerDeviceV2App>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    [Fact]
    public async Task SlidingToken_KeptInUse_OutlivesItsLifetime_AndDiesWhenLeftAlone()
    {
        var (_, token) = await ActiveUserAsync();
        for (var i = 0; i < 8; i++)
        {
            Time.Advance(TimeSpan.FromHours(3));
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, token)).Status);
        }

        Time.Advance(TimeSpan.FromHours(10));
        (await Client.GetAsync(Paths.Me, token)).Is(HttpStatusCode.Unauthorized, InvalidToken);
    }

    [Fact]
    public async Task DevicesAndLogoutAll_AreServedWithOrWithoutTheSlash()
    {
        var (email, first) = await ActiveUserAsync();
        var second = await LoginFromAsync(email, "second");
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/auth/token/devices", first)).Status);
        var id = IdOf(await DevicesAsync(first), "second");
        (await Client.SendJsonAsync(HttpMethod.Delete, $"/auth/token/devices/{id}", null, first)).IsEmpty(HttpStatusCode.NoContent);
        (await Client.GetAsync(Paths.Me, second)).Is(HttpStatusCode.Unauthorized, InvalidToken);

        (await Client.PostJsonAsync("/auth/token/logout/all/", null, first)).IsEmpty(HttpStatusCode.NoContent);
        (await Client.GetAsync(Paths.Me, first)).Is(HttpStatusCode.Unauthorized, InvalidToken);
    }

    [Fact]
    public async Task Logout_DeletesOnlyTheTokenUsed()
    {
        var (email, first) = await ActiveUserAsync();
        var second = await LoginFromAsync(email, "second");
        (await Client.PostJsonAsync(Paths.Logout, null, second)).IsEmpty(HttpStatusCode.NoContent);
        (await Client.GetAsync(Paths.Me, second)).Is(HttpStatusCode.Unauthorized, InvalidToken);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, first)).Status);
    }

    [Fact]
    public async Task DeleteMe_RevokesEveryDevice()
    {
        var (email, first) = await ActiveUserAsync();
        var second = await LoginFromAsync(email, "second");
        (await Client.SendJsonAsync(HttpMethod.Delete, Paths.Me, new { current_password = Password }, first)).IsEmpty(HttpStatusCode.NoContent);
        (await Client.GetAsync(Paths.Me, second)).Is(HttpStatusCode.Unauthorized, InvalidToken);
    }

    [Fact]
    public void RouteTable_MatchesSnapshot()
    {
        App.CreateClient().Dispose();
        RouteTableTests.Verify("V2-PerDevice", App.Services);
    }

    [Fact]
    public async Task OpenApi_MatchesSnapshot()
    {
        using var client = App.CreateClient();
        var json = (await client.GetStringAsync("/openapi/v1.json")).ReplaceLineEndings("\n");
        SnapshotFile.Verify(Path.Combine(Directory(), "OpenApi"), "V2-PerDevice", "json", json, "The V2-PerDevice OpenAPI document");
    }

    private static string Directory([System.Runtime.CompilerServices.CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;
}

/// <summary>djoser's one token per user with <c>Djoser:Token:Lifetime</c>: the same key until it expires, then a new one.</summary>
public sealed class ExpiringTokenTests(ExpiringTokenApp app) : TokenOptInTestBase(app), IClassFixture<ExpiringTokenApp>
{
    [Fact]
    public async Task Token_BeforeExpiry_IsReturnedAgain_AfterExpiry_IsInvalidAndReplaced()
    {
        var (email, token) = await ActiveUserAsync();
        Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(token, await LoginTokenAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, token)).Status);

        Time.Advance(TimeSpan.FromMinutes(1));
        (await Client.GetAsync(Paths.Me, token)).Is(HttpStatusCode.Unauthorized, InvalidToken);

        var fresh = await LoginTokenAsync(email);
        Assert.NotEqual(token, fresh);
        Assert.Equal(fresh, await LoginTokenAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, fresh)).Status);
    }

    [Fact]
    public async Task DeviceUrls_AreNotMountedWithoutPerDevice()
    {
        var (_, token) = await ActiveUserAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/auth/token/devices/", token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostJsonAsync("/auth/token/destroy/all/", null, token)).Status);
        Assert.False((await Client.GetAsync("/auth/")).Json!.AsObject().ContainsKey("token-devices"));
    }
}
