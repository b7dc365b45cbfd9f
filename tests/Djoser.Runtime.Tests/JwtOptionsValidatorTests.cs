using System.Security.Cryptography;
using Djoser.Configuration;

namespace Djoser.Runtime.Tests;

/// <summary><c>Djoser:Jwt</c> is checked at start-up when JWT is on; each failure names its key.</summary>
public sealed class JwtOptionsValidatorTests : IDisposable
{
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private static DjoserOptions WithJwt(Action<DjoserJwtOptions> configure)
    {
        var options = new DjoserOptions { AuthenticationSchemes = ["Token", "jwt"] };
        options.Jwt.SigningKey = new string('k', 32);
        configure(options.Jwt);
        return options;
    }

    private static string[] Failures(DjoserOptions options) =>
        [.. new DjoserJwtOptionsValidator().Validate(null, options).Failures ?? []];

    private string PemFile(string pem)
    {
        var path = Path.Combine(Path.GetTempPath(), "djoser-jwt-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, pem);
        _files.Add(path);
        return path;
    }

    [Fact]
    public void JwtOff_NoKey_IsNotChecked()
    {
        Assert.True(new DjoserJwtOptionsValidator().Validate(null, new DjoserOptions()).Skipped);
    }

    [Fact]
    public void JwtOn_32ByteKey_Succeeds()
    {
        Assert.True(new DjoserJwtOptionsValidator().Validate(null, WithJwt(_ => { })).Succeeded);
    }

    [Fact]
    public void JwtOn_NoKey_NamesTheKey()
    {
        Assert.Equal(
            ["Djoser:Jwt:SigningKey is required for JWT authentication with HS256: a random secret of at least 32 bytes, e.g. from 'openssl rand -base64 48'."],
            Failures(WithJwt(jwt => jwt.SigningKey = null)));
    }

    [Fact]
    public void JwtOn_ShortKey_SaysHowShort()
    {
        Assert.Equal(["Djoser:Jwt:SigningKey is 248 bits; HS256 needs at least 256 (32 bytes)."], Failures(WithJwt(jwt => jwt.SigningKey = new string('k', 31))));
        Assert.Equal(["Djoser:Jwt:SigningKey is 256 bits; HS512 needs at least 512 (64 bytes)."], Failures(WithJwt(jwt => jwt.Algorithm = "HS512")));
    }

    [Fact]
    public void UnknownAlgorithm_ListsTheKnownOnes()
    {
        Assert.Equal(
            ["Djoser:Jwt:Algorithm is 'none'; use one of HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512."],
            Failures(WithJwt(jwt => jwt.Algorithm = "none")));
    }

    [Fact]
    public void Rs256_WithoutFileOrWithAShortOrUnreadableKey_NamesTheKey()
    {
        Assert.Equal(["Djoser:Jwt:SigningKeyFile is required with RS256: the PEM file of the private key."], Failures(WithJwt(jwt => jwt.Algorithm = "RS256")));

        using var small = RSA.Create(1024);
        var smallFile = PemFile(small.ExportPkcs8PrivateKeyPem());
        Assert.Equal(["Djoser:Jwt:SigningKeyFile is a 1024-bit RSA key; RS256 needs 2048 bits or more."],
            Failures(WithJwt(jwt => (jwt.Algorithm, jwt.SigningKeyFile) = ("RS256", smallFile))));

        var missing = Path.Combine(Path.GetTempPath(), "djoser-no-such-key-" + Guid.NewGuid().ToString("N") + ".pem");
        var failure = Assert.Single(Failures(WithJwt(jwt => (jwt.Algorithm, jwt.SigningKeyFile) = ("RS256", missing))));
        Assert.StartsWith("Djoser:Jwt:SigningKeyFile or Djoser:Jwt:VerifyingKeyFile could not be read as a PEM key for RS256: ", failure, StringComparison.Ordinal);

        var notPem = PemFile("not a key");
        Assert.StartsWith("Djoser:Jwt:SigningKeyFile or Djoser:Jwt:VerifyingKeyFile could not be read",
            Assert.Single(Failures(WithJwt(jwt => (jwt.Algorithm, jwt.SigningKeyFile) = ("RS256", notPem)))), StringComparison.Ordinal);
    }

    [Fact]
    public void Rs256_PublicKeyAsSigningKey_OrVerifyingKeyOfAnotherPair_IsRefused()
    {
        using var rsa = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var publicOnly = PemFile(rsa.ExportSubjectPublicKeyInfoPem());
        var privateKey = PemFile(rsa.ExportPkcs8PrivateKeyPem());
        var otherPublic = PemFile(other.ExportSubjectPublicKeyInfoPem());

        Assert.Equal(["Djoser:Jwt:SigningKeyFile holds no private key; RS256 signs with the private key (put the public one in Djoser:Jwt:VerifyingKeyFile)."],
            Failures(WithJwt(jwt => (jwt.Algorithm, jwt.SigningKeyFile) = ("RS256", publicOnly))));
        Assert.Equal(["Djoser:Jwt:VerifyingKeyFile is not the public key of Djoser:Jwt:SigningKeyFile: no token would verify."],
            Failures(WithJwt(jwt => (jwt.Algorithm, jwt.SigningKeyFile, jwt.VerifyingKeyFile) = ("RS256", privateKey, otherPublic))));
        Assert.Empty(Failures(WithJwt(jwt => (jwt.Algorithm, jwt.SigningKeyFile, jwt.VerifyingKeyFile) = ("RS256", privateKey, publicOnly))));
    }

    [Fact]
    public void Es256_PublicKeyAsSigningKey_IsRefused()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicOnly = PemFile(ec.ExportSubjectPublicKeyInfoPem());
        Assert.Equal(["Djoser:Jwt:SigningKeyFile holds no private key; ES256 signs with the private key (put the public one in Djoser:Jwt:VerifyingKeyFile)."],
            Failures(WithJwt(jwt => (jwt.Algorithm, jwt.SigningKeyFile) = ("ES256", publicOnly))));
    }

    [Fact]
    public void Es256_WithAP384Key_NamesTheCurve()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var file = PemFile(ec.ExportPkcs8PrivateKeyPem());
        Assert.Equal(["Djoser:Jwt:SigningKeyFile is a 384-bit EC key; ES256 needs the P-256 curve."],
            Failures(WithJwt(jwt => (jwt.Algorithm, jwt.SigningKeyFile) = ("ES256", file))));
    }

    [Fact]
    public void LifetimesLeewayHeaderTypesAndClaims_AreChecked()
    {
        var failures = Failures(WithJwt(jwt =>
        {
            jwt.AccessTokenLifetime = TimeSpan.Zero;
            jwt.RefreshTokenLifetime = TimeSpan.FromSeconds(-1);
            jwt.Leeway = TimeSpan.FromSeconds(-1);
            jwt.AuthHeaderTypes = ["JWT", "Two words"];
            jwt.UserIdClaim = "jti";
            jwt.TokenTypeClaim = "exp";
        }));

        Assert.Equal(
        [
            "Djoser:Jwt:AccessTokenLifetime must be positive (default 00:05:00); it is 00:00:00.",
            "Djoser:Jwt:RefreshTokenLifetime must be positive (default 1.00:00:00); it is -00:00:01.",
            "Djoser:Jwt:Leeway must not be negative (default 00:00:00); it is -00:00:01.",
            "Djoser:Jwt:AuthHeaderTypes names 'Two words'; each header type is one word, e.g. 'JWT' or 'Bearer'.",
            "Djoser:Jwt:TokenTypeClaim is 'exp', a claim the token sets itself; choose another name.",
            "Djoser:Jwt:UserIdClaim, Djoser:Jwt:TokenTypeClaim and Djoser:Jwt:JtiClaim must be three different claims.",
        ], failures);
    }

    [Fact]
    public void AuthHeaderTypes_DefaultToJwtAndBearer_AndConfiguredOnesReplaceThem()
    {
        Assert.Equal(["JWT", "Bearer"], new DjoserJwtOptions().EffectiveAuthHeaderTypes);
        Assert.Equal(["Bearer"], new DjoserJwtOptions { AuthHeaderTypes = ["Bearer"] }.EffectiveAuthHeaderTypes);
    }
}
