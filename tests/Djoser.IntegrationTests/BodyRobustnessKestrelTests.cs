using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Djoser.IntegrationTests;

/// <summary>The sample on a real Kestrel server, so bodies can be cut short or announced too large on the wire.</summary>
public sealed class KestrelDjoserApp : DjoserApp
{
    public KestrelDjoserApp()
    {
        UseKestrel(0);
        StartServer();
        Services.GetRequiredService<ILoggerFactory>().AddProvider(new UnhandledExceptionRecorder(Errors));
    }

    /// <summary>Every exception the server logged as unhandled.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

/// <summary>
/// Records the server's "unhandled exception" log entries (Kestrel's, and the exception middlewares'). Kestrel's own
/// complaint that it could not drain the body of a reset connection is not one: it is logged whatever the app does.
/// </summary>
internal sealed class UnhandledExceptionRecorder(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        if (IsEnabled(logLevel) && message.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase))
        {
            errors.Enqueue($"{message} {exception}");
        }
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// Bodies a test server cannot send: a Content-Length the client never fulfils, a huge declared length, a chunked
/// stream past the limit. Kestrel's own verdicts reach the client as DRF-shaped JSON, never as a 500.
/// </summary>
public sealed class BodyRobustnessKestrelTests(KestrelDjoserApp app) : IClassFixture<KestrelDjoserApp>, IDisposable
{
    private const string TooLarge = "Request body is too large: djoser accepts at most 2621440 bytes.";

    /// <summary>Nothing this class sent was answered with a server error or let an exception out of the application.</summary>
    public void Dispose()
    {
        Assert.DoesNotContain(app.Responses, response => response.Status >= 500);
        Assert.True(app.Errors.IsEmpty, string.Join("\n", app.Errors));
    }

    [Fact]
    public async Task BodyShorterThanContentLength_EndsAs400WithoutAServerException()
    {
        // The client stops sending halfway: Kestrel reports the cut-off body to the reader, which answers 400; the
        // half-closed connection may never carry that answer, so the server's own record is what is checked.
        var response = await SendRawAsync(
            "/auth/password/reset/", "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\": \"ann@", finishSending: true);

        Assert.True(response.Length == 0 || response.StartsWith("HTTP/1.1 400 ", StringComparison.Ordinal), response);
        Assert.True(
            SpinWait.SpinUntil(() => app.Responses.Any(r => r.Request == "POST /auth/password/reset/"), TimeSpan.FromSeconds(10)),
            "The server never finished the request.");
        Assert.Equal(400, Assert.Single(app.Responses, r => r.Request == "POST /auth/password/reset/").Status);
    }

    [Fact]
    public async Task ConnectionResetMidBody_EndsAs400WithoutAServerException()
    {
        var address = app.Address;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync("127.0.0.1", address.Port);
            // Kestrel answers "100 Continue" when the application first reads the body: from then on the reader is
            // waiting for bytes, so the reset below lands mid-read rather than before the request reached djoser.
            await socket.SendAsync(Encoding.ASCII.GetBytes(
                $"POST /auth/users/activate/ HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n"));
            var buffer = new byte[256];
            var received = await socket.ReceiveAsync(buffer).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.StartsWith("HTTP/1.1 100 ", Encoding.ASCII.GetString(buffer, 0, received), StringComparison.Ordinal);
            await socket.SendAsync("{\"uid\": "u8.ToArray());

            // Linger 0: closing sends a reset, as a client that crashed or lost its network would.
            socket.LingerState = new LingerOption(true, 0);
        }

        Assert.True(
            SpinWait.SpinUntil(() => app.Responses.Any(r => r.Request == "POST /auth/users/activate/"), TimeSpan.FromSeconds(10)),
            "The server never finished the request.");
        Assert.Equal(400, Assert.Single(app.Responses, r => r.Request == "POST /auth/users/activate/").Status);
    }

    [Fact]
    public async Task DeclaredFortyMegabytes_Returns413WithoutTheBody()
    {
        var (status, detail) = await SendRawAsync("Content-Type: application/json\r\nContent-Length: 41943040\r\n\r\n", finishSending: false);

        Assert.Equal(413, status);
        Assert.Equal(TooLarge, detail);
    }

    [Fact]
    public async Task ChunkedBodyPastTheLimit_Returns413()
    {
        var chunk = new string('x', 64 * 1024);
        var body = new StringBuilder("Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
        body.Append("6\r\nemail=\r\n");
        for (var sent = 0; sent < 3 * 1024 * 1024; sent += chunk.Length)
        {
            body.Append(chunk.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n").Append(chunk).Append("\r\n");
        }

        body.Append("0\r\n\r\n");

        var (status, detail) = await SendRawAsync(body.ToString(), finishSending: false);

        Assert.Equal(413, status);
        Assert.Equal(TooLarge, detail);
    }

    [Fact]
    public async Task BadChunkedFraming_Returns400Json()
    {
        var (status, detail) = await SendRawAsync(
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", finishSending: false);

        Assert.Equal(400, status);
        Assert.False(string.IsNullOrEmpty(detail));
    }

    /// <summary>Sends a login request with the given header tail and body, and reads the status and JSON detail back.</summary>
    private async Task<(int Status, string Detail)> SendRawAsync(string headersAndBody, bool finishSending)
    {
        var response = await SendRawAsync("/auth/token/create/", headersAndBody, finishSending);
        var status = int.Parse(response.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        var json = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.Contains("Content-Type: application/json", response, StringComparison.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(json);
        return (status, document.RootElement.GetProperty("detail").GetString()!);
    }

    /// <summary>Sends a POST with the given header tail and body over a raw connection and returns the raw answer.</summary>
    private async Task<string> SendRawAsync(string path, string headersAndBody, bool finishSending)
    {
        var address = app.Address;
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", address.Port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var request = Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n{headersAndBody}");
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // The server may answer and close before the whole upload is taken; the answer is still there to read.
        }

        if (finishSending)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        return await ReadResponseAsync(stream);
    }

    /// <summary>Reads until the server closes (the request said <c>Connection: close</c>), undoing chunked framing.</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // A reset after the answer was sent: what arrived is the answer.
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        if (headerEnd < 4 || !text[..headerEnd].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var body = new StringBuilder();
        var at = headerEnd;
        while (true)
        {
            var lineEnd = text.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = int.Parse(text.AsSpan(at, lineEnd - at), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            body.Append(text, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        return text[..headerEnd] + body;
    }
}
