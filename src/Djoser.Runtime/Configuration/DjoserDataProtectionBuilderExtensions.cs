using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Djoser.Configuration;

/// <summary>
/// Encrypts the data-protection key ring at rest from configuration, so the keys that sign djoser's tokens and
/// e-mailed links can live in a shared store (a database table, a file share) that alone yields no usable key.
/// </summary>
/// <remarks>
/// Reads <c>Djoser:DataProtection</c>: <c>CertificatePath</c> (a PKCS#12 file) and <c>CertificatePassword</c>
/// encrypt new keys and decrypt stored ones through the framework's <c>ProtectKeysWithCertificate</c>;
/// <c>ApplicationName</c>, when set, isolates the key ring by name (it must be the same on every instance).
/// Without a certificate the keys stay unencrypted, which is accepted in Development only, or anywhere when
/// <c>AllowUnprotectedKeys</c> is <see langword="true"/> (e.g. when the store is already encrypted by its host).
/// </remarks>
public static class DjoserDataProtectionBuilderExtensions
{
    /// <summary>The configuration section this helper reads.</summary>
    public const string Section = "Djoser:DataProtection";

    /// <summary>
    /// Applies <c>Djoser:DataProtection</c> to <paramref name="builder"/>: the application name, and the certificate
    /// that encrypts keys at rest. Throws at start-up, naming the key, when the certificate cannot be loaded, or when
    /// none is configured outside Development without <c>Djoser:DataProtection:AllowUnprotectedKeys</c>.
    /// </summary>
    /// <returns><paramref name="builder"/>, to chain the store (e.g. <c>PersistKeysToDbContext</c>).</returns>
    public static IDataProtectionBuilder ProtectKeysFromDjoserConfiguration(
        this IDataProtectionBuilder builder,
        IConfiguration configuration,
        IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var section = configuration.GetSection("Djoser").GetSection("DataProtection");
        if (section["ApplicationName"] is { Length: > 0 } applicationName)
        {
            builder.SetApplicationName(applicationName);
        }

        var path = section["CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (!environment.IsDevelopment() && !AllowsUnprotectedKeys(section))
            {
                throw new InvalidOperationException(
                    $"{Section}:CertificatePath is not set: outside Development the data-protection keys (which sign tokens and "
                    + "e-mailed links) must be encrypted at rest. Set it to a PKCS#12 (.pfx) file, with "
                    + $"{Section}:CertificatePassword, or set {Section}:AllowUnprotectedKeys to true to store them unencrypted.");
            }

            return builder;
        }

        return builder.ProtectKeysWithCertificate(LoadCertificate(path, section["CertificatePassword"]));
    }

    private static bool AllowsUnprotectedKeys(IConfigurationSection section)
    {
        var value = section["AllowUnprotectedKeys"];
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        return bool.TryParse(value, out var allowed)
            ? allowed
            : throw new InvalidOperationException($"{Section}:AllowUnprotectedKeys must be true or false; it is '{value}'.");
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{Section}:CertificatePath names '{Path.GetFullPath(path)}', which does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            // EphemeralKeySet: the private key stays in memory; nothing is written to the user's key store.
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException(
                $"{Section}:CertificatePath names '{path}', which could not be read as PKCS#12 with {Section}:CertificatePassword: {exception.Message}",
                exception);
        }

        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            throw new InvalidOperationException(
                $"{Section}:CertificatePath names '{path}', which holds no RSA private key; data protection needs one to decrypt its keys.");
        }

        return certificate;
    }
}
