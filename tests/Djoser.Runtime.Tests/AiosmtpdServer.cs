using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Djoser.Runtime.Tests;

/// <summary>
/// A real SMTP server for the tests: aiosmtpd (Debian's <c>python3-aiosmtpd</c>) on a free loopback port, storing what
/// it receives in a Maildir that <see cref="Take"/> reads. Started once per test class that uses it as a fixture.
/// </summary>
public sealed class AiosmtpdServer : IAsyncLifetime
{
    /// <summary>Why the SMTP tests cannot run here, or null when aiosmtpd is available.</summary>
    internal static readonly string? Unavailable = FindPython() is null
        ? "python3 -m aiosmtpd is not available (install the Debian package python3-aiosmtpd, or pip install aiosmtpd)"
        : null;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "djoser-smtp-" + Guid.NewGuid().ToString("N"));
    private readonly int _port;
    private Process? _process;

    public AiosmtpdServer()
    {
    }

    /// <summary>A server for <paramref name="port"/>, to be started later: the "SMTP down, then back" scenarios.</summary>
    internal AiosmtpdServer(int port)
    {
        _port = port;
    }

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        var python = FindPython() ?? throw new InvalidOperationException(
            Unavailable + (SmtpFactAttribute.UnderCi ? "; CI=true, so the SMTP tests fail instead of being skipped." : "."));
        Port = _port == 0 ? FreePort() : _port;
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _directory })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"{python} -m aiosmtpd did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The messages received since the last call, oldest first; the server's headers name the envelope (<c>X-RcptTo</c>).</summary>
    public IReadOnlyList<MimeMessage> Take()
    {
        var incoming = Path.Combine(_directory, "new");
        if (!Directory.Exists(incoming))
        {
            return [];
        }

        var files = Directory.GetFiles(incoming).Select(path => new FileInfo(path)).OrderBy(file => file.LastWriteTimeUtc).ThenBy(file => file.Name, StringComparer.Ordinal).ToList();
        var messages = new List<MimeMessage>();
        foreach (var file in files)
        {
            messages.Add(MimeMessage.Load(file.FullName));
            file.Delete();
        }

        return messages;
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first of <c>python3</c> on the PATH and Debian's own <c>/usr/bin/python3</c> that can import aiosmtpd.</summary>
    private static string? FindPython()
    {
        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                var start = new ProcessStartInfo(candidate) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add("import aiosmtpd");
                using var process = Process.Start(start);
                if (process is not null && process.WaitForExit(10_000) && process.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name.
            }
        }

        return null;
    }
}

/// <summary>
/// A fact that needs <see cref="AiosmtpdServer"/>: skipped, with the reason shown in the test output, where aiosmtpd is
/// not installed — except under CI (<c>CI=true</c>), where it runs and fails saying what is missing.
/// </summary>
public sealed class SmtpFactAttribute : FactAttribute
{
    public SmtpFactAttribute()
    {
        if (AiosmtpdServer.Unavailable is { } reason && !UnderCi)
        {
            Skip = reason + "; set CI=true to fail instead.";
        }
    }

    internal static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The <see cref="SmtpFactAttribute"/> of theories.</summary>
public sealed class SmtpTheoryAttribute : TheoryAttribute
{
    public SmtpTheoryAttribute()
    {
        if (AiosmtpdServer.Unavailable is { } reason && !SmtpFactAttribute.UnderCi)
        {
            Skip = reason + "; set CI=true to fail instead.";
        }
    }
}
