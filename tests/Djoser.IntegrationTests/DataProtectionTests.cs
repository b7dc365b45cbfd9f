using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Djoser.Sample;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests;

/// <summary>
/// <c>Djoser:DataProtection</c> in Production: the key ring in the database is encrypted with a certificate from
/// configuration, so the database alone opens no token or link; without one the app does not start unless told to.
/// Runs on this run's provider (<see cref="TestDatabase"/>).
/// </summary>
public sealed class DataProtectionTests : IDisposable
{
    private const string CertificatePassword = "test-pfx-password";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "djoser-tests", Guid.NewGuid().ToString("N"));

    public DataProtectionTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold its file for a moment; the folder is under the temp directory.
        }
    }

    [Fact]
    public void Production_WithoutCertificate_FailsNamingTheKey()
    {
        using var app = new ProductionApp(new() { ["Djoser:DataProtection:AllowUnprotectedKeys"] = "false" });
        var exception = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.StartsWith("Djoser:DataProtection:CertificatePath is not set: outside Development the data-protection keys", exception.Message);
        Assert.Contains("Djoser:DataProtection:AllowUnprotectedKeys", exception.Message);
    }

    [Fact]
    public void Production_WrongCertificatePassword_FailsNamingTheKey()
    {
        var path = WriteCertificate();
        using var app = new ProductionApp(new()
        {
            ["Djoser:DataProtection:CertificatePath"] = path,
            ["Djoser:DataProtection:CertificatePassword"] = "not-the-password",
        });
        var exception = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.StartsWith($"Djoser:DataProtection:CertificatePath names '{path}', which could not be read as PKCS#12 with Djoser:DataProtection:CertificatePassword", exception.Message);
    }

    [Fact]
    public void Production_MissingCertificateFile_FailsNamingTheKey()
    {
        var path = Path.Combine(_directory, "absent.pfx");
        using var app = new ProductionApp(new() { ["Djoser:DataProtection:CertificatePath"] = path });
        var exception = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Equal($"Djoser:DataProtection:CertificatePath names '{path}', which does not exist.", exception.Message);
    }

    [Fact]
    public void Production_AllowUnprotectedKeysNotABoolean_FailsNamingTheKey()
    {
        using var app = new ProductionApp(new() { ["Djoser:DataProtection:AllowUnprotectedKeys"] = "sometimes" });
        var exception = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Equal("Djoser:DataProtection:AllowUnprotectedKeys must be true or false; it is 'sometimes'.", exception.Message);
    }

    [Fact]
    public async Task Production_WithCertificate_KeysAreEncryptedAndOnlyInstancesWithTheCertificateReadThem()
    {
        using var database = TestDatabase.Create(_directory);
        var withCertificate = new Dictionary<string, string?>
        {
            ["Djoser:DataProtection:CertificatePath"] = WriteCertificate(),
            ["Djoser:DataProtection:CertificatePassword"] = CertificatePassword,
        };
        using var a = new ProductionApp(withCertificate, database);
        using var b = new ProductionApp(withCertificate, database);
        var email = $"user-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await SharedInstancesTests.RegisterAsync(a.CreateDjoserClient(), email)).Status);

        await using (var scope = a.Services.CreateAsyncScope())
        {
            var keys = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
            var key = Assert.Single(keys);
            // The master key is an EncryptedXml blob for the certificate; its plain <value> never reaches the database.
            Assert.Contains("<EncryptedData", key.Xml, StringComparison.Ordinal);
            Assert.Contains("encryptedSecret", key.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", key.Xml, StringComparison.Ordinal);
        }

        // An instance with the database but not the certificate (a dump, say) cannot open the link.
        var (uid, token) = SharedInstancesTests.ActivationLink(a, email);
        using var withoutCertificate = new ProductionApp(new() { ["Djoser:DataProtection:AllowUnprotectedKeys"] = "true" }, database);
        (await withoutCertificate.CreateDjoserClient().PostJsonAsync("/auth/users/activate/", new { uid, token }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}""");

        (await b.CreateDjoserClient().PostJsonAsync("/auth/users/activate/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);
        a.AssertNoServerErrors();
        b.AssertNoServerErrors();
        withoutCertificate.AssertNoServerErrors();
    }

    [Fact]
    public async Task Production_AllowUnprotectedKeys_Starts()
    {
        using var app = new ProductionApp(new() { ["Djoser:DataProtection:AllowUnprotectedKeys"] = "true" });
        Assert.Equal(HttpStatusCode.OK, (await app.CreateDjoserClient().GetAsync("/healthz/ready")).Status);
        app.AssertNoServerErrors();
    }

    /// <summary>A self-signed RSA certificate with its private key, as a password-protected PKCS#12 file.</summary>
    private string WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=djoser-data-protection-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_directory, $"keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }

    /// <summary>The sample in the Production environment.</summary>
    private sealed class ProductionApp(Dictionary<string, string?> settings, TestDatabase? database = null)
        : DjoserApp(new Dictionary<string, string?>(settings) { ["environment"] = "Production" }, database);
}
