using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Djoser.Configuration;
using Djoser.Emails.Outbox;
using Microsoft.Extensions.Options;

namespace Djoser.IntegrationTests;

/// <summary>
/// The sample app on a test server, with its own database (a SQLite file, or a PostgreSQL database: see
/// <see cref="TestDatabase"/>) and mail folder, and djoser settings overridable per test class. Every response
/// status (an unhandled exception counts as 500) is recorded; <see cref="DjoserTestBase"/> fails each test after
/// which one of them is 500 or more.
/// </summary>
public class DjoserApp : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "djoser-tests", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    public DjoserApp()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>An instance on a database it shares with other instances; the caller disposes the database.</summary>
    public static DjoserApp OnSharedDatabase(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>(), database);

    protected DjoserApp(IReadOnlyDictionary<string, string?> settings, TestDatabase? database = null)
    {
        _settings = settings;
        Directory.CreateDirectory(MailDirectory);
        _ownsDatabase = database is null;
        Database = database ?? TestDatabase.Create(_directory);
    }

    /// <summary>Where this instance keeps its data (and its data-protection keys).</summary>
    public TestDatabase Database { get; }

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

    /// <summary>The e-mails written so far, oldest first, once the outbox has delivered what is due.</summary>
    public IReadOnlyList<MimeMessage> Emails
    {
        get
        {
            if (Services.GetRequiredService<IOptions<DjoserOptions>>().Value.Email.Outbox.RunDispatcher)
            {
                Task.Run(() => Services.GetRequiredService<IDjoserOutboxDispatcher>().DispatchDueAsync(CancellationToken.None)).GetAwaiter().GetResult();
            }

            return ReadMail(MailDirectory);
        }
    }

    /// <summary>The <c>.eml</c> files of <paramref name="directory"/>, oldest first.</summary>
    public static IReadOnlyList<MimeMessage> ReadMail(string directory) =>
        Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path)).ToList();

    public DjoserClient CreateDjoserClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }

        // Testing is not Development: the keys in the test database may stay unencrypted (DataProtectionTests says otherwise).
        builder.UseSetting("Djoser:DataProtection:AllowUnprotectedKeys", "true");
        builder.UseSetting("Djoser:Email:PickupDirectory", MailDirectory);
        // Every request of a test class comes from one (absent) address; throttling is off unless a class turns it on.
        builder.UseSetting("Djoser:Throttling:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new RecordStatusStartupFilter(Responses)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase)
        {
            Database.Dispose();
        }

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

                // Tests read e-mails right after a request: deliver what it queued before the response completes.
                // A server error queued nothing to deliver; a database that a test took away (HealthTests) has nothing to
                // deliver from, which is that test's point, not a failure of the request.
                if (context.Response.StatusCode < StatusCodes.Status500InternalServerError
                    && context.RequestServices.GetRequiredService<IOptions<DjoserOptions>>().Value.Email.Outbox.RunDispatcher)
                {
                    try
                    {
                        await context.RequestServices.GetRequiredService<IDjoserOutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
                    }
                    catch (System.Data.Common.DbException) when (!context.Request.Path.StartsWithSegments("/auth"))
                    {
                    }
                }
            });
            next(app);
        };
    }
}
