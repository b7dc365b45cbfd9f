using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Djoser.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Djoser.Tokens;

/// <summary>
/// Identity token provider behind <see cref="IDjoserUserTokens{TUser}"/>, registered as
/// <see cref="ProviderName"/>: Django's <c>PasswordResetTokenGenerator</c> rules (spec §6.2) on data protection.
/// A token is the base64url text of a protected payload {creation time, user id, purpose, fingerprint}, where the
/// fingerprint is SHA-256 over the password hash, e-mail, security stamp and last login, so a token dies when any of
/// them changes, and expires after <see cref="DjoserOptions.PasswordResetTimeout"/>.
/// </summary>
internal sealed class DjoserTokenProvider<TUser> : IUserTwoFactorTokenProvider<TUser>
    where TUser : class
{
    /// <summary>The provider's name in Identity's <c>TokenOptions.ProviderMap</c>.</summary>
    public const string ProviderName = "Djoser";

    private const string ProtectorPurpose = "Djoser.UserToken";
    private const byte FormatVersion = 1;
    private const int MaxTokenLength = 4096;

    private readonly IDataProtectionProvider _dataProtection;
    private readonly IUserStore<TUser> _store;
    private readonly IDjoserLoginRecords<TUser> _loginRecords;
    private readonly TimeProvider _time;
    private readonly IOptions<DjoserOptions> _options;
    private readonly ILogger _logger;

    public DjoserTokenProvider(
        IDataProtectionProvider dataProtection,
        IUserStore<TUser> store,
        IDjoserLoginRecords<TUser> loginRecords,
        TimeProvider time,
        IOptions<DjoserOptions> options,
        ILogger<DjoserTokenProvider<TUser>> logger)
    {
        _dataProtection = dataProtection;
        _store = store;
        _loginRecords = loginRecords;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>Never: these tokens are e-mailed links, not a second factor.</summary>
    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TUser> manager, TUser user) => Task.FromResult(false);

    public async Task<string> GenerateAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(user);
        var userId = await _store.GetUserIdAsync(user, CancellationToken.None).ConfigureAwait(false);
        var fingerprint = await FingerprintAsync(user).ConfigureAwait(false);

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(_time.GetUtcNow().ToUnixTimeMilliseconds());
            writer.Write(userId);
            writer.Write(purpose);
            writer.Write(fingerprint);
        }

        var protectedBytes = Protector(purpose).Protect(buffer.ToArray());
        return Base64Url.EncodeToString(protectedBytes);
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<TUser> manager, TUser user)
    {
        if (purpose is null || user is null || string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return Reject(purpose, "empty or oversized");
        }

        if (!TryOpen(purpose, token, out var payload))
        {
            return Reject(purpose, "malformed or not issued here");
        }

        if (!string.Equals(payload.Purpose, purpose, StringComparison.Ordinal))
        {
            return Reject(purpose, "other purpose");
        }

        var userId = await _store.GetUserIdAsync(user, CancellationToken.None).ConfigureAwait(false);
        if (!string.Equals(payload.UserId, userId, StringComparison.Ordinal))
        {
            return Reject(purpose, "other user");
        }

        // Django: (now - ts) > PASSWORD_RESET_TIMEOUT → invalid.
        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(payload.Created);
        if (age > _options.Value.PasswordResetTimeout)
        {
            return Reject(purpose, "expired");
        }

        var fingerprint = await FingerprintAsync(user).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(fingerprint, payload.Fingerprint))
        {
            return Reject(purpose, "password, e-mail or last login changed");
        }

        return true;
    }

    private bool Reject(string? purpose, string reason)
    {
        Log.UserTokenRejected(_logger, purpose ?? "", reason);
        return false;
    }

    private IDataProtector Protector(string purpose) => _dataProtection.CreateProtector(ProtectorPurpose, purpose);

    private bool TryOpen(string purpose, string token, out Payload payload)
    {
        payload = default;
        foreach (var c in token)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        if (token.Length % 4 == 1)
        {
            return false;
        }

        var protectedBytes = new byte[Base64Url.GetMaxDecodedLength(token.Length)];
        int written;
        try
        {
            // Despite its name, TryDecodeFromChars throws on malformed input (e.g. non-zero trailing bits).
            if (!Base64Url.TryDecodeFromChars(token, protectedBytes, out written))
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false;
        }

        byte[] plain;
        try
        {
            plain = Protector(purpose).Unprotect(protectedBytes.AsSpan(0, written).ToArray());
        }
        catch (CryptographicException)
        {
            return false;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(plain), Encoding.UTF8);
            if (reader.ReadByte() != FormatVersion)
            {
                return false;
            }

            var created = reader.ReadInt64();
            var userId = reader.ReadString();
            var tokenPurpose = reader.ReadString();
            var fingerprint = reader.ReadBytes(SHA256.HashSizeInBytes);
            if (fingerprint.Length != SHA256.HashSizeInBytes || reader.BaseStream.Position != plain.Length)
            {
                return false;
            }

            payload = new Payload(created, userId, tokenPurpose, fingerprint);
            return true;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// SHA-256 over what Django's token hash covers besides the timestamp: password hash, e-mail, last login (UTC, to
    /// the tick, so a login even within the same second kills earlier links), plus Identity's security stamp.
    /// </summary>
    private async Task<byte[]> FingerprintAsync(TUser user)
    {
        var passwordHash = _store is IUserPasswordStore<TUser> passwords
            ? await passwords.GetPasswordHashAsync(user, CancellationToken.None).ConfigureAwait(false)
            : null;
        var email = _store is IUserEmailStore<TUser> emails
            ? await emails.GetEmailAsync(user, CancellationToken.None).ConfigureAwait(false)
            : null;
        var stamp = _store is IUserSecurityStampStore<TUser> stamps
            ? await stamps.GetSecurityStampAsync(user, CancellationToken.None).ConfigureAwait(false)
            : null;
        var lastLogin = await _loginRecords.GetLastLoginAsync(user, CancellationToken.None).ConfigureAwait(false);
        var lastLoginText = lastLogin is { } value
            ? value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)
            : "";

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(passwordHash ?? "");
            writer.Write(email ?? "");
            writer.Write(stamp ?? "");
            writer.Write(lastLoginText);
        }

        return SHA256.HashData(buffer.ToArray());
    }

    private readonly record struct Payload(long Created, string UserId, string Purpose, byte[] Fingerprint);
}
