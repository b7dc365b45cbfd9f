extern alias UsernameSample;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Djoser.IntegrationTests;

/// <summary>
/// The username sample (djoser 0.5.3's layout, Basic then Token auth) on a test server with its own database (see
/// <see cref="TestDatabase"/>).
/// </summary>
public sealed class UsernameSampleApp : WebApplicationFactory<UsernameSample::Djoser.Sample.Username.AppUser>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "djoser-tests", Guid.NewGuid().ToString("N"));

    public UsernameSampleApp()
    {
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
