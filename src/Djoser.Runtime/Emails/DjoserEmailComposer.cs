using Djoser.Configuration;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Djoser.Emails;

/// <summary>
/// Turns an e-mail kind and its context into the MIME message djoser sends: From <c>Djoser:Email:From</c>, To the
/// context's recipient, the current date, the rendered subject, and the text body with the HTML body as an
/// alternative. It needs nothing of the request, so a message can be composed later from what was stored about it.
/// </summary>
public sealed class DjoserEmailComposer
{
    private readonly DjoserEmailRenderer _renderer;
    private readonly IOptions<DjoserOptions> _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a composer that renders with <paramref name="renderer"/>.</summary>
    public DjoserEmailComposer(DjoserEmailRenderer renderer, IOptions<DjoserOptions> options, TimeProvider time)
    {
        _renderer = renderer;
        _options = options;
        _time = time;
    }

    /// <summary>The message of <paramref name="kind"/> for <paramref name="context"/>; the caller disposes it.</summary>
    public MimeMessage Compose(DjoserEmailKind kind, DjoserEmailContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CreateMessage(_renderer.Render(kind, context), _options.Value.Email.From, context.To, _time.GetUtcNow());
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
