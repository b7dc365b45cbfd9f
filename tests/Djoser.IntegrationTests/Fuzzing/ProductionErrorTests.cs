extern alias UsernameSample;

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests.Fuzzing;

/// <summary>
/// A test-only route, <c>/test/throw/</c>, that throws with request data in its message, added behind the app's own
/// pipeline (so the sample's exception handling is in front of it), in the Production environment.
/// </summary>
internal sealed class ThrowingRouteStartupFilter : IStartupFilter
{
    public const string Path = "/test/throw/";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((HttpContext context, RequestDelegate nextMiddleware) => context.Request.Path == Path
            ? throw new InvalidOperationException("Unexpected failure for " + context.Request.Headers.Authorization)
            : nextMiddleware(context));
    };

    public static void Configure(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ThrowingRouteStartupFilter>());
    }
}

/// <summary>The e-mail sample in Production, with a route that throws.</summary>
public sealed class ProductionDjoserApp : DjoserApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ThrowingRouteStartupFilter.Configure(builder);
    }
}

/// <summary>The username sample in Production, with a route that throws.</summary>
public sealed class ProductionUsernameSampleApp : WebApplicationFactory<UsernameSample::Djoser.Sample.Username.AppUser>
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "djoser-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={System.IO.Path.Combine(_directory, "test.db")}");
        builder.UseSetting("Djoser:Email:PickupDirectory", System.IO.Path.Combine(_directory, "mail"));
        builder.UseSetting("Djoser:DataProtection:AllowUnprotectedKeys", "true");
        Directory.CreateDirectory(System.IO.Path.Combine(_directory, "mail"));
        ThrowingRouteStartupFilter.Configure(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the folder is under the temp directory.
        }
    }
}

/// <summary>
/// "Production error pages never echo headers" (issue 11): should an exception ever escape, the samples answer DRF's
/// bare JSON 500 (the body of <c>rest_framework.exceptions.server_error</c>) and nothing of the request or the exception.
/// </summary>
public sealed class ProductionErrorTests(ProductionDjoserApp app, ProductionUsernameSampleApp usernameApp)
    : IClassFixture<ProductionDjoserApp>, IClassFixture<ProductionUsernameSampleApp>
{
    private const string Secret = "Token 0123456789abcdef-secret";

    [Fact]
    public async Task UnhandledException_InProduction_IsBareJson500WithoutRequestData() => await AssertBare500Async(app.CreateClient());

    [Fact]
    public async Task UnhandledException_InProductionUsernameSample_IsBareJson500WithoutRequestData() => await AssertBare500Async(usernameApp.CreateClient());

    [Fact]
    public async Task NoException_InProduction_DjoserAnswersAsUsual()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/auth/me/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"detail":"Authentication credentials were not provided."}""", await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertBare500Async(HttpClient client)
    {
        using (client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ThrowingRouteStartupFilter.Path);
            request.Headers.TryAddWithoutValidation("Authorization", Secret);
            request.Headers.TryAddWithoutValidation("Cookie", "sessionid=cookie-secret");
            request.Headers.TryAddWithoutValidation("X-Api-Key", "header-secret");
            request.Content = new StringContent("""{"password": "body-secret"}""", System.Text.Encoding.UTF8, "application/json");

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal("""{"error": "Server Error (500)"}""", body);
            var everything = body + response.Headers + response.Content.Headers;
            foreach (var leak in new[] { "secret", "Unexpected failure", "InvalidOperationException", "at " + typeof(ThrowingRouteStartupFilter).FullName })
            {
                Assert.DoesNotContain(leak, everything, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
