using System.Globalization;
using System.Security.Cryptography;
using Djoser.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Djoser.Emails;

/// <summary>
/// The default <see cref="IDjoserEmailSender"/> (Django's file-based e-mail backend): renders the e-mail with
/// <see cref="DjoserEmailRenderer"/> and writes it as a MIME <c>.eml</c> file named <c>&lt;timestamp&gt;-&lt;random&gt;.eml</c>
/// into <c>Djoser:Email:PickupDirectory</c>.
/// </summary>
internal sealed class DjoserPickupDirectoryEmailSender : IDjoserEmailSender
{
    private readonly DjoserEmailRenderer _renderer;
    private readonly IOptions<DjoserOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DjoserPickupDirectoryEmailSender(DjoserEmailRenderer renderer, IOptions<DjoserOptions> options, TimeProvider time, ILogger<DjoserPickupDirectoryEmailSender> logger)
    {
        _renderer = renderer;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task SendAsync(DjoserEmailKind kind, DjoserEmailContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = _options.Value.Email;
        if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            throw new InvalidOperationException(DjoserPickupDirectoryValidator.MissingDirectoryMessage);
        }

        var rendered = _renderer.Render(kind, context);
        var now = _time.GetUtcNow();
        using var message = CreateMessage(rendered, options.From, context.To, now);

        var directory = Path.GetFullPath(options.PickupDirectory);
        Directory.CreateDirectory(directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd-HHmmss-fffffff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        var temporary = Path.Combine(directory, name + ".tmp");
        var path = Path.Combine(directory, name + ".eml");

        // Written aside and moved into place, so a pickup service never reads half a message.
        await message.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path);
        Log.EmailWritten(_logger, kind, path);
    }

    /// <summary>The MIME message: From, To, Date, subject, and the text body with the HTML body as an alternative.</summary>
    internal static MimeMessage CreateMessage(DjoserRenderedEmail rendered, string from, string to, DateTimeOffset date)
    {
        var message = new MimeMessage
        {
            Subject = rendered.Subject,
            Date = date,
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        var body = new BodyBuilder { TextBody = rendered.TextBody, HtmlBody = rendered.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }
}
