using System.Globalization;

namespace Djoser.Configuration;

/// <summary>
/// <c>Djoser:Email:Url</c>: the whole SMTP server in one setting, in the URL form django-environ's <c>EMAIL_URL</c>
/// made familiar to Django users, e.g. <c>smtp://mailer:secret@smtp.example.com:587</c>. The scheme is the encryption:
/// <c>smtp</c> STARTTLS (never falling back to plain text), <c>smtps</c> TLS from the first byte, <c>smtp+plain</c>
/// none (a local relay or a test server). The user name and password are the URL's user information, percent-encoded.
/// </summary>
internal sealed record DjoserEmailUrl(string Host, int? Port, DjoserSmtpTlsMode TlsMode, string? UserName, string? Password)
{
    /// <summary>The key, as messages name it.</summary>
    public const string Key = "Djoser:Email:Url";

    private const string Example = "'smtp://mailer:secret@smtp.example.com:587'";

    /// <summary>Reads <paramref name="value"/>; on failure <paramref name="error"/> says what is wrong, naming the key.</summary>
    public static bool TryParse(string value, out DjoserEmailUrl? url, out string? error)
    {
        url = null;
        error = null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown || string.IsNullOrEmpty(uri.Host))
        {
            error = $"{Key} is not an SMTP URL: use e.g. {Example}.";
            return false;
        }

        DjoserSmtpTlsMode? mode = uri.Scheme switch
        {
            "smtp" => DjoserSmtpTlsMode.StartTls,
            "smtps" => DjoserSmtpTlsMode.Tls,
            "smtp+plain" => DjoserSmtpTlsMode.None,
            _ => null,
        };
        if (mode is null)
        {
            error = $"{Key} has the scheme '{uri.Scheme}'; use smtp (STARTTLS), smtps (TLS) or smtp+plain (no encryption), e.g. {Example}.";
            return false;
        }

        if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = $"{Key} must name only the server and the account (no path, query or fragment): use e.g. {Example}.";
            return false;
        }

        string? userName = null;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            if (separator <= 0 || separator == uri.UserInfo.Length - 1)
            {
                error = $"{Key} names an account without both a user name and a password: write 'user:password@' (percent-encoded), e.g. {Example}.";
                return false;
            }

            userName = Uri.UnescapeDataString(uri.UserInfo[..separator]);
            password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? (int?)null : uri.Port;
        url = new DjoserEmailUrl(uri.IdnHost, port, mode.Value, userName, password);
        return true;
    }

    /// <summary>Writes this server into <paramref name="email"/> and turns SMTP delivery on.</summary>
    public void ApplyTo(DjoserEmailOptions email)
    {
        email.Delivery = DjoserEmailDelivery.Smtp;
        email.Smtp.Host = Host;
        email.Smtp.Port = Port;
        email.Smtp.TlsMode = TlsMode;
        email.Smtp.UserName = UserName;
        email.Smtp.Password = Password;
    }

    /// <summary>For messages: the server without the account.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port?.ToString(CultureInfo.InvariantCulture) ?? "(default port)"} ({TlsMode})");
}
