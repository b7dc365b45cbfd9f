using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Djoser.Endpoints;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Djoser.IntegrationTests.Fuzzing;

/// <summary>
/// The sample on one layout with every authentication scheme on (Token, Basic, then JWT), for the fuzzer. Passwords are
/// hashed with few iterations: Basic credentials and logins hash on every request, and the run must stay short.
/// </summary>
public abstract class FuzzApp(string layout, IDictionary<string, string?> extra) : DjoserApp(Settings(layout, extra))
{
    private static Dictionary<string, string?> Settings(string layout, IDictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>(extra)
        {
            ["Djoser:UrlLayout"] = layout,
            ["Djoser:UsernameResetConfirmUrl"] = "#/username/reset/confirm/{uid}/{token}",
            ["Djoser:AuthenticationSchemes:0"] = "Token",
            ["Djoser:AuthenticationSchemes:1"] = "Basic",
            ["Djoser:AuthenticationSchemes:2"] = "Jwt",
            ["Djoser:Jwt:SigningKey"] = JwtAuthenticationTests.Secret,
            // Thousands of requests: logging each one at Information would be most of the run's time.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1000));
    }
}

/// <summary>djoser 0.5.3's layout under the fuzzer.</summary>
public sealed class FuzzV05App() : FuzzApp("V05", new Dictionary<string, string?>());

/// <summary>djoser 1.1's layout under the fuzzer, with every retype and show-not-found switch on.</summary>
public sealed class FuzzV1App() : FuzzApp("V1", new Dictionary<string, string?>
{
    ["Djoser:SetUsernameRetype"] = "true",
    ["Djoser:SetPasswordRetype"] = "true",
    ["Djoser:PasswordResetConfirmRetype"] = "true",
    ["Djoser:PasswordResetShowEmailNotFound"] = "true",
    ["Djoser:SendConfirmationEmail"] = "true",
});

/// <summary>djoser 2.3's layout under the fuzzer, with the user list open, retypes and simplejwt's rotation and logout.</summary>
public sealed class FuzzV2App() : FuzzApp("V2", new Dictionary<string, string?>
{
    ["Djoser:UserCreatePasswordRetype"] = "true",
    ["Djoser:UsernameResetConfirmRetype"] = "true",
    ["Djoser:UsernameResetShowEmailNotFound"] = "true",
    ["Djoser:HideUsers"] = "false",
    ["Djoser:Jwt:RotateRefreshTokens"] = "true",
    ["Djoser:Jwt:BlacklistAfterRotation"] = "true",
    ["Djoser:Jwt:LogoutEndpoint"] = "true",
    ["Djoser:PasswordChangedEmailConfirmation"] = "true",
});

/// <summary>
/// Runs the deterministic fuzzer (<see cref="FuzzInput"/>) over every djoser route the app mapped, as read from its own
/// endpoint data source, and collects every answer that breaks <see cref="FuzzResponseCheck"/>.
/// </summary>
public abstract class FuzzTestBase(DjoserApp app, ITestOutputHelper output) : DjoserTestBase(app)
{
    /// <summary>Every djoser route of the app, in the order mapped.</summary>
    protected IReadOnlyList<FuzzEndpoint> Endpoints()
    {
        return App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => (endpoint, djoser: endpoint.Metadata.GetMetadata<DjoserEndpointMetadata>()))
            .Where(pair => pair.djoser is not null)
            .Select(pair => new FuzzEndpoint(
                pair.endpoint.RoutePattern.RawText!,
                pair.endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"],
                pair.djoser!.UrlName,
                pair.djoser.Permission?.ToString(),
                pair.endpoint.Metadata.GetMetadata<IEndpointNameMetadata>() is not null))
            .ToList();
    }

    /// <summary>Sends <paramref name="requests"/> generated requests from <paramref name="seed"/> and fails listing every kind of bad answer.</summary>
    /// <remarks>
    /// <c>DJOSER_FUZZ_SEED</c> and <c>DJOSER_FUZZ_REQUESTS</c> override both for a longer search by hand; CI runs the
    /// fixed ones, so a failure there replays exactly.
    /// </remarks>
    protected async Task FuzzAsync(int seed, int requests)
    {
        seed = int.TryParse(Environment.GetEnvironmentVariable("DJOSER_FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosenSeed) ? chosenSeed : seed;
        requests = int.TryParse(Environment.GetEnvironmentVariable("DJOSER_FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var chosen) ? chosen : requests;
        var endpoints = Endpoints();
        Assert.NotEmpty(endpoints);
        // Every route in turn, with the named ones (each djoser view's own methods) as often again as all the rest.
        var named = endpoints.Where(endpoint => endpoint.Named).ToList();
        var credentials = await CredentialsAsync(endpoints);
        var input = new FuzzInput(seed, credentials);
        var failures = new Dictionary<string, (int Count, string Example)>(StringComparer.Ordinal);
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            var request = input.Next(i % 2 == 0 ? endpoints[i / 2 % endpoints.Count] : named[i / 2 % named.Count]);
            var (status, problem, example) = await SendAsync(request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (problem is null)
            {
                continue;
            }

            var key = $"{problem}: {status} {request.Method} {request.Pattern}";
            failures[key] = failures.TryGetValue(key, out var seen) ? (seen.Count + 1, seen.Example) : (1, $"{request} => {example}");
        }

        output.WriteLine($"seed {seed}: {requests} requests over {endpoints.Count} routes in {clock.ElapsedMilliseconds} ms; statuses: "
            + string.Join(", ", statuses.Select(pair => $"{pair.Key}×{pair.Value}")));
        // The run's credentials still work: the requests that used them got past authentication throughout.
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, credentials.Token)).Status);
        Assert.True(failures.Count == 0, $"{failures.Count} kinds of bad answer:\n" + string.Join("\n",
            failures.Take(25).Select(pair => $"- {pair.Key} (×{pair.Value.Count})\n  {pair.Value.Example}")));
    }

    private async Task<(int Status, string? Problem, string Example)> SendAsync(FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        if (request.Body is not null)
        {
            var content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                // Without validation, so a malformed header reaches the server as sent.
                content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            if (request.DeclaredLength is { } declared)
            {
                content.Headers.ContentLength = declared;
            }

            message.Content = content;
        }

        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await Client.Http.SendAsync(message);
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            var problem = FuzzResponseCheck.Problem(request.Method, status, response.Content.Headers.ContentType?.MediaType, body);
            var text = Encoding.UTF8.GetString(body);
            return (status, problem, $"{status} {(text.Length > 300 ? text[..300] + "…" : text)}");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The test server rethrows what the application let out: that is the 500 a real server would answer.
            var text = exception.ToString();
            return (500, "exception " + exception.GetType().Name, text.Length > 1500 ? text[..1500] : text);
        }
    }

    /// <summary>A registered, active user with a token, a JWT pair and its uid, so requests also get past authentication.</summary>
    private async Task<FuzzCredentials> CredentialsAsync(IReadOnlyList<FuzzEndpoint> endpoints)
    {
        var (email, token) = await ActiveUserAsync();
        // The activation e-mail's uid; a confirmation e-mail may have come after it.
        var uid = App.Emails.Select(message => Regex.Match(message.TextBody ?? string.Empty, "#/activate/([A-Za-z0-9_-]+)/"))
            .Last(match => match.Success).Groups[1].Value;
        var me = await Client.GetAsync(Paths.Me, token);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        var id = me.Json!["id"]!.ToJsonString().Trim('"');
        string? access = null;
        string? refresh = null;
        if (endpoints.FirstOrDefault(e => e.UrlName == "jwt-create") is { } create)
        {
            var pair = await Client.PostJsonAsync(create.Pattern, new { email, password = Password });
            Assert.Equal(HttpStatusCode.OK, pair.Status);
            access = (pair.Json!["access"] ?? pair.Json["token"])?.GetValue<string>();
            refresh = pair.Json["refresh"]?.GetValue<string>();
        }

        return new FuzzCredentials(email, Password, token, access, refresh, uid, id);
    }
}

/// <summary>The fuzzer over djoser 0.5.3's routes.</summary>
public sealed class FuzzV05Tests(FuzzV05App app, ITestOutputHelper output) : FuzzTestBase(app, output), IClassFixture<FuzzV05App>
{
    protected override DjoserPaths Paths => DjoserPaths.V05;

    [Fact]
    public Task EveryRoute_HostileRequests_NeverA5xxAndErrorsInDrfShape() => FuzzAsync(seed: 5, requests: 1200);
}

/// <summary>The fuzzer over djoser 1.1's routes, drf-jwt's included.</summary>
public sealed class FuzzV1Tests(FuzzV1App app, ITestOutputHelper output) : FuzzTestBase(app, output), IClassFixture<FuzzV1App>
{
    [Fact]
    public Task EveryRoute_HostileRequests_NeverA5xxAndErrorsInDrfShape() => FuzzAsync(seed: 11, requests: 1500);
}

/// <summary>The fuzzer over djoser 2.3's routes, simplejwt's included.</summary>
public sealed class FuzzV2Tests(FuzzV2App app, ITestOutputHelper output) : FuzzTestBase(app, output), IClassFixture<FuzzV2App>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    [Fact]
    public Task EveryRoute_HostileRequests_NeverA5xxAndErrorsInDrfShape() => FuzzAsync(seed: 23, requests: 1800);
}
