using Microsoft.Extensions.Logging;

namespace Djoser.Emails;

/// <summary>
/// The default <see cref="IDjoserEmailSender"/>: composes the message with <see cref="DjoserEmailComposer"/> and hands
/// it to <see cref="IDjoserEmailTransport"/>.
/// </summary>
internal sealed class DjoserEmailSender : IDjoserEmailSender
{
    private readonly DjoserEmailComposer _composer;
    private readonly IDjoserEmailTransport _transport;
    private readonly ILogger _logger;

    public DjoserEmailSender(DjoserEmailComposer composer, IDjoserEmailTransport transport, ILogger<DjoserEmailSender> logger)
    {
        _composer = composer;
        _transport = transport;
        _logger = logger;
    }

    public async Task SendAsync(DjoserEmailKind kind, DjoserEmailContext context, CancellationToken cancellationToken)
    {
        using var message = _composer.Compose(kind, context);
        await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        Log.EmailSent(_logger, kind);
    }
}
