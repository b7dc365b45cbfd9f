using System.Security.Cryptography;
using System.Text;
using Djoser.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Djoser.Tokens;

/// <summary>
/// The key material of <c>Djoser:Jwt</c>: the signing credentials and the key that verifies, built once. The same
/// loading runs in the start-up validator, so a short secret or an unreadable key file stops the start, naming the key.
/// </summary>
internal sealed class DjoserJwtKeys
{
    private DjoserJwtKeys(string algorithm, SecurityKey signing, SecurityKey verifying)
    {
        Algorithm = algorithm;
        Signing = new SigningCredentials(signing, algorithm);
        Verifying = verifying;
    }

    /// <summary>The JWS algorithm, e.g. <c>HS256</c>; the only one a token may carry.</summary>
    public string Algorithm { get; }

    public SigningCredentials Signing { get; }

    public SecurityKey Verifying { get; }

    /// <summary>The algorithms <c>Djoser:Jwt:Algorithm</c> accepts.</summary>
    internal static readonly IReadOnlyList<string> Algorithms = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];

    /// <summary>Loads the keys of <paramref name="options"/>, or says which setting is wrong and how.</summary>
    internal static DjoserJwtKeys? TryLoad(DjoserJwtOptions options, out string? error)
    {
        var algorithm = Algorithms.FirstOrDefault(a => a.Equals(options.Algorithm, StringComparison.OrdinalIgnoreCase));
        if (algorithm is null)
        {
            error = $"Djoser:Jwt:Algorithm is '{options.Algorithm}'; use one of {string.Join(", ", Algorithms)}.";
            return null;
        }

        // RFC 7518 §3.2: an HMAC key at least as long as the hash; §3.3: RSA keys of 2048 bits or more.
        var bits = int.Parse(algorithm.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            return algorithm[0] switch
            {
                'H' => LoadSecret(options, algorithm, bits, out error),
                'R' => LoadPem(
                    options,
                    algorithm,
                    out error,
                    () => RSA.Create(),
                    rsa => rsa.KeySize >= 2048 ? null : $"is a {rsa.KeySize}-bit RSA key; {algorithm} needs 2048 bits or more",
                    (signing, verifying) => verifying.VerifyData(Probe, signing.SignData(Probe, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                    rsa => new RsaSecurityKey(rsa)),
                _ => LoadPem(
                    options,
                    algorithm,
                    out error,
                    () => ECDsa.Create(),
                    ec => ec.KeySize == CurveBits(bits) ? null : $"is a {ec.KeySize}-bit EC key; {algorithm} needs the P-{CurveBits(bits)} curve",
                    (signing, verifying) => verifying.VerifyData(Probe, signing.SignData(Probe, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256),
                    ec => new ECDsaSecurityKey(ec)),
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            error = $"Djoser:Jwt:SigningKeyFile or Djoser:Jwt:VerifyingKeyFile could not be read as a PEM key for {algorithm}: {exception.Message}";
            return null;
        }
    }

    // Signed and verified once at start-up, so a public key given as the signing key, or a verifying key of another
    // pair, stops the start instead of failing every request.
    private static readonly byte[] Probe = "djoser"u8.ToArray();

    // ES512 is P-521, not P-512 (RFC 7518 §3.4).
    private static int CurveBits(int hashBits) => hashBits == 512 ? 521 : hashBits;

    /// <summary>Loads the keys of <paramref name="options"/>; the start-up validator has already refused what would throw.</summary>
    internal static DjoserJwtKeys Load(DjoserJwtOptions options) =>
        TryLoad(options, out var error) ?? throw new InvalidOperationException(error);

    private static DjoserJwtKeys? LoadSecret(DjoserJwtOptions options, string algorithm, int bits, out string? error)
    {
        var secret = Encoding.UTF8.GetBytes(options.SigningKey ?? string.Empty);
        if (secret.Length * 8 < bits)
        {
            error = string.IsNullOrEmpty(options.SigningKey)
                ? $"Djoser:Jwt:SigningKey is required for JWT authentication with {algorithm}: a random secret of at least {bits / 8} bytes, e.g. from 'openssl rand -base64 48'."
                : $"Djoser:Jwt:SigningKey is {secret.Length * 8} bits; {algorithm} needs at least {bits} ({bits / 8} bytes).";
            return null;
        }

        error = null;
        var key = new SymmetricSecurityKey(secret);
        return new DjoserJwtKeys(algorithm, key, key);
    }

    private static DjoserJwtKeys? LoadPem<TAlgorithm>(
        DjoserJwtOptions options,
        string algorithm,
        out string? error,
        Func<TAlgorithm> create,
        Func<TAlgorithm, string?> check,
        Func<TAlgorithm, TAlgorithm, bool> pairs,
        Func<TAlgorithm, AsymmetricSecurityKey> wrap)
        where TAlgorithm : AsymmetricAlgorithm
    {
        if (string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            error = $"Djoser:Jwt:SigningKeyFile is required with {algorithm}: the PEM file of the private key.";
            return null;
        }

        var signing = create();
        signing.ImportFromPem(File.ReadAllText(options.SigningKeyFile));
        if (check(signing) is { } problem)
        {
            error = $"Djoser:Jwt:SigningKeyFile {problem}.";
            return null;
        }

        var verifying = signing;
        if (!string.IsNullOrWhiteSpace(options.VerifyingKeyFile))
        {
            verifying = create();
            verifying.ImportFromPem(File.ReadAllText(options.VerifyingKeyFile));
            if (check(verifying) is { } verifyingProblem)
            {
                error = $"Djoser:Jwt:VerifyingKeyFile {verifyingProblem}.";
                return null;
            }
        }

        bool paired;
        try
        {
            paired = pairs(signing, verifying);
        }
        catch (CryptographicException)
        {
            error = $"Djoser:Jwt:SigningKeyFile holds no private key; {algorithm} signs with the private key (put the public one in Djoser:Jwt:VerifyingKeyFile).";
            return null;
        }

        if (!paired)
        {
            error = "Djoser:Jwt:VerifyingKeyFile is not the public key of Djoser:Jwt:SigningKeyFile: no token would verify.";
            return null;
        }

        error = null;
        return new DjoserJwtKeys(algorithm, wrap(signing), wrap(verifying));
    }
}
