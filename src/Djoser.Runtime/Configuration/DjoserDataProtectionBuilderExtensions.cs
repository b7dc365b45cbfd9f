using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

    /// <summary>
    /// Loads the key ring on the thread pool once the host has started, instead of on the start-up thread before the
    /// server listens (the framework's default). Worth it when the keys live in a database: their first load is the
    /// application's first EF query, and on a new database it also creates, encrypts and saves the first key. The first
    /// request that needs the keys waits for the same load; a failed load is logged, as the framework's is, and retried
    /// by that request.
    /// </summary>
    /// <remarks>
    /// Takes out the framework's start-up load registered so far. Other libraries' registrations that call the framework's
    /// <c>AddDataProtection</c> (<c>AddAuthentication</c>, for one) register it again: call this after them. <c>AddDjoser</c>
    /// takes it out again after its own, so before or after <c>AddDjoser</c> makes no difference. Should the framework's
    /// load be back anyway, it waits for this one: no slower than without this call.
    /// </remarks>
    /// <returns><paramref name="builder"/>.</returns>
    public static IDataProtectionBuilder LoadKeyRingInBackground(this IDataProtectionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DjoserKeyRingPreload>());
        KeepKeyRingLoadInBackground(builder.Services);
        return builder;
    }

    /// <summary>When <see cref="LoadKeyRingInBackground"/> was called, takes out the framework's start-up load registered since.</summary>
    internal static void KeepKeyRingLoadInBackground(IServiceCollection services)
    {
        if (!services.Any(descriptor => descriptor.ImplementationType == typeof(DjoserKeyRingPreload)))
        {
            return;
        }

        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (IsFrameworkKeyRingLoad(services[i]))
            {
                services.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// The framework's start-up load: an internal hosted service of the data-protection assembly, found by name. Should
    /// the name change, nothing is taken out and the framework's load stays (it then waits for ours): slower, not wrong.
    /// </summary>
    internal static bool IsFrameworkKeyRingLoad(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IHostedService)
        && descriptor.ImplementationType is { FullName: "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService" } type
        && type.Assembly == typeof(DataProtectionOptions).Assembly;

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
