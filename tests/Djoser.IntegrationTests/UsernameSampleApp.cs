extern alias UsernameSample;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests;

/// <summary>
/// The username sample (djoser 0.5.3's layout, Basic then Token auth) on a test server with its own database (see
/// <see cref="TestDatabase"/>).
/// </summary>
public class UsernameSampleApp : WebApplicationFactory<UsernameSample::Djoser.Sample.Username.AppUser>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "djoser-tests", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public UsernameSampleApp()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>The sample with djoser settings of a test class on top.</summary>
    protected UsernameSampleApp(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        Directory.CreateDirectory(Path.Combine(_directory, "mail"));
        Database = TestDatabase.Create(_directory);
    }

    /// <summary>Where this instance keeps its data.</summary>
    public TestDatabase Database { get; }

    public DjoserClient CreateDjoserClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Djoser:DataProtection:AllowUnprotectedKeys", "true");
        builder.UseSetting("Djoser:Email:PickupDirectory", Path.Combine(_directory, "mail"));
        // Every request comes from one (absent) address; throttling is off here as in DjoserApp.
        builder.UseSetting("Djoser:Throttling:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The mail folder's e-mails, oldest first, once the outbox has delivered what is due.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> DeliveredEmails()
    {
        Task.Run(() => Services.GetRequiredService<Djoser.Emails.Outbox.IDjoserOutboxDispatcher>().DispatchDueAsync(CancellationToken.None)).GetAwaiter().GetResult();
        return DjoserApp.ReadMail(Path.Combine(_directory, "mail"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
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
}
