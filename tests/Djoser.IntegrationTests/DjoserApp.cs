using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Djoser.IntegrationTests;

/// <summary>
/// The sample app on a test server, with its own SQLite file and mail folder, and djoser settings overridable per
/// test class. Every response status (an unhandled exception counts as 500) is recorded; <see cref="DjoserTestBase"/>
/// fails each test after which one of them is 500 or more.
/// </summary>
public class DjoserApp : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "djoser-tests", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public DjoserApp()
        : this(new Dictionary<string, string?>())
    {
    }

    protected DjoserApp(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        Directory.CreateDirectory(MailDirectory);
    }

    public string MailDirectory => Path.Combine(_directory, "mail");

    public ConcurrentQueue<(string Request, int Status)> Responses { get; } = new();

    /// <summary>Takes the statuses recorded so far and fails, listing them, if any is a server error.</summary>
    public void AssertNoServerErrors()
    {
        var errors = new List<string>();
        while (Responses.TryDequeue(out var response))
        {
            if (response.Status >= StatusCodes.Status500InternalServerError)
            {
                errors.Add($"{response.Request} answered {response.Status}");
            }
        }

        if (errors.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("The app answered a server error: " + string.Join("; ", errors));
        }
    }

    /// <summary>The e-mails written so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Emails =>
        Directory.GetFiles(MailDirectory, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path)).ToList();

    public DjoserClient CreateDjoserClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_directory, "test.db")}");
        builder.UseSetting("Djoser:Email:PickupDirectory", MailDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new RecordStatusStartupFilter(Responses)));
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

    private sealed class RecordStatusStartupFilter(ConcurrentQueue<(string, int)> responses) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate nextMiddleware) =>
            {
                var request = $"{context.Request.Method} {context.Request.Path}";
                try
                {
                    await nextMiddleware(context);
                }
                catch (Exception exception)
                {
                    // Unhandled: the server answers 500 once the exception leaves the pipeline.
                    responses.Enqueue(($"{request} ({exception.GetType().Name}: {exception.Message})", StatusCodes.Status500InternalServerError));
                    throw;
                }

                // The samples' exception handler turned an unhandled exception into their JSON 500: name the exception.
                var handled = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                responses.Enqueue((handled is null ? request : $"{request} ({handled.GetType().Name}: {handled.Message})", context.Response.StatusCode));
            });
            next(app);
        };
    }
}
