extern alias UsernameSample;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Djoser.IntegrationTests;

/// <summary>The username sample (djoser 0.5.3's layout, Basic then Token auth) on a test server with its own SQLite file.</summary>
public sealed class UsernameSampleApp : WebApplicationFactory<UsernameSample::Djoser.Sample.Username.AppUser>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "djoser-tests", Guid.NewGuid().ToString("N"));

    public UsernameSampleApp() => Directory.CreateDirectory(Path.Combine(_directory, "mail"));

    public DjoserClient CreateDjoserClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_directory, "test.db")}");
        builder.UseSetting("Djoser:Email:PickupDirectory", Path.Combine(_directory, "mail"));
        // Every request comes from one (absent) address; throttling is off here as in DjoserApp.
        builder.UseSetting("Djoser:Throttling:Enabled", "false");
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
