using Djoser.Emails;
using Microsoft.Extensions.Options;

namespace Djoser.Configuration;

/// <summary>
/// Start-up checks of <c>Djoser:Email</c>: the delivery, the SMTP server when e-mails go over SMTP, and a sender
/// address that parses, so a mail misconfiguration stops the start naming the key instead of failing every e-mail.
/// </summary>
internal sealed class DjoserEmailOptionsValidator : IValidateOptions<DjoserOptions>
{
    /// <summary>The message of a missing SMTP host, at start-up and at send time.</summary>
    internal const string MissingSmtpHostMessage =
        "Djoser:Email:Smtp:Host is required because Djoser:Email:Delivery is Smtp: set it to the SMTP server's host name (e.g. 'smtp.example.com').";

    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        var failures = new List<string>();
        var email = options.Email;
        if (!Enum.IsDefined(email.Delivery))
        {
            failures.Add($"Djoser:Email:Delivery '{email.Delivery}' is not a known delivery; use Pickup or Smtp.");
        }

        if (!string.IsNullOrWhiteSpace(email.From) && !DjoserSenderAddress.IsValid(email.From))
        {
            failures.Add($"Djoser:Email:From '{email.From}' is not an e-mail address; use e.g. 'webmaster@example.com' or 'Example <webmaster@example.com>'.");
        }

        if (email.Delivery == DjoserEmailDelivery.Smtp)
        {
            CheckSmtp(failures, email.Smtp);
        }

        CheckOutbox(failures, email);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckOutbox(List<string> failures, DjoserEmailOptions email)
    {
        var outbox = email.Outbox;
        void Positive(string key, TimeSpan value, string example)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"Djoser:Email:Outbox:{key} must be positive (e.g. {example}, the default), not {value}.");
            }
        }

        Positive(nameof(outbox.PollInterval), outbox.PollInterval, "00:00:15");
        Positive(nameof(outbox.BaseDelay), outbox.BaseDelay, "00:00:30");
        Positive(nameof(outbox.Lease), outbox.Lease, "00:02:00");
        Positive(nameof(outbox.MaxAge), outbox.MaxAge, "3.00:00:00");
        Positive(nameof(outbox.Retention), outbox.Retention, "7.00:00:00");
        if (outbox.MaxDelay < outbox.BaseDelay)
        {
            failures.Add($"Djoser:Email:Outbox:MaxDelay ({outbox.MaxDelay}) must not be shorter than Djoser:Email:Outbox:BaseDelay ({outbox.BaseDelay}); e.g. 01:00:00, the default.");
        }

        if (outbox.MaxAttempts < 1)
        {
            failures.Add($"Djoser:Email:Outbox:MaxAttempts must be at least 1 (e.g. 10, the default), not {outbox.MaxAttempts}.");
        }

        if (outbox.BatchSize < 1)
        {
            failures.Add($"Djoser:Email:Outbox:BatchSize must be at least 1 (e.g. 50, the default), not {outbox.BatchSize}.");
        }

        // A lease shorter than one SMTP send lets a second dispatcher take the row while the first is still sending.
        if (email.Delivery == DjoserEmailDelivery.Smtp && outbox.Lease > TimeSpan.Zero && outbox.Lease <= email.Smtp.Timeout)
        {
            failures.Add($"Djoser:Email:Outbox:Lease ({outbox.Lease}) must be longer than Djoser:Email:Smtp:Timeout ({email.Smtp.Timeout}), or a slow send could be delivered twice.");
        }
    }

    private static void CheckSmtp(List<string> failures, DjoserSmtpOptions smtp)
    {
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            failures.Add(MissingSmtpHostMessage);
        }

        if (smtp.Port is < 1 or > 65535)
        {
            failures.Add($"Djoser:Email:Smtp:Port must be a TCP port from 1 to 65535, not {smtp.Port}; leave it unset for the TLS mode's standard port (25, 587 or 465).");
        }

        if (!Enum.IsDefined(smtp.TlsMode))
        {
            failures.Add($"Djoser:Email:Smtp:TlsMode '{smtp.TlsMode}' is not a known mode; use None, StartTls or Tls.");
        }

        if (smtp.Timeout <= TimeSpan.Zero || smtp.Timeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"Djoser:Email:Smtp:Timeout must be positive and under 24 days (e.g. 00:00:30, the default), not {smtp.Timeout}.");
        }

        if (string.IsNullOrEmpty(smtp.UserName) != string.IsNullOrEmpty(smtp.Password))
        {
            failures.Add(string.IsNullOrEmpty(smtp.UserName)
                ? "Djoser:Email:Smtp:Password is set without Djoser:Email:Smtp:UserName: set both to authenticate, or neither."
                : "Djoser:Email:Smtp:UserName is set without Djoser:Email:Smtp:Password: set both to authenticate, or neither.");
        }
    }
}
