using System.Globalization;
using System.Security.Cryptography;
using Djoser.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Djoser.Emails;

/// <summary>
/// Django's file-based e-mail backend: writes each message as a MIME <c>.eml</c> file named
/// <c>&lt;timestamp&gt;-&lt;sequence&gt;-&lt;random&gt;.eml</c> into <c>Djoser:Email:PickupDirectory</c>: the per-process
/// sequence keeps the names of one process in the order written even when the clock does not move (a test clock).
/// </summary>
internal sealed class DjoserPickupDirectoryTransport
{
    private static long _sequence;

    private readonly IOptions<DjoserOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DjoserPickupDirectoryTransport(IOptions<DjoserOptions> options, TimeProvider time, ILogger<DjoserPickupDirectoryTransport> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var configured = _options.Value.Email.PickupDirectory;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(DjoserPickupDirectoryValidator.MissingDirectoryMessage);
        }

        var directory = Path.GetFullPath(configured);
        Directory.CreateDirectory(directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow():yyyyMMdd-HHmmss-fffffff}-{Interlocked.Increment(ref _sequence):D10}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        var temporary = Path.Combine(directory, name + ".tmp");
        var path = Path.Combine(directory, name + ".eml");

        // Written aside and moved into place, so a pickup service never reads half a message.
        await message.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path);
        Log.EmailWritten(_logger, path);
    }
}
