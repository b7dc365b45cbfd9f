using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Djoser.IntegrationTests.Fuzzing;

/// <summary>djoser 1.1's layout with Token, Basic and JWT on, on a real Kestrel server, for bytes a test server cannot carry.</summary>
public sealed class KestrelFuzzApp : FuzzApp
{
    public KestrelFuzzApp()
        : base("V1", new Dictionary<string, string?>())
    {
        UseKestrel(0);
        StartServer();
        Services.GetRequiredService<ILoggerFactory>().AddProvider(new UnhandledExceptionRecorder(Errors));
    }

    /// <summary>Every exception the server logged as unhandled.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

/// <summary>
/// The fuzzer's smaller pass on the wire: NUL and raw non-ASCII bytes in the path and headers, raw invalid UTF-8
/// bodies, conflicting framing headers, odd request lines. Kestrel refuses some before djoser runs (400/431, no body);
/// whatever reaches djoser answers as every other request must (<see cref="FuzzResponseCheck"/>).
/// </summary>
public sealed class KestrelFuzzTests(KestrelFuzzApp app) : IClassFixture<KestrelFuzzApp>
{
    private static readonly string[] Paths =
        ["/auth/users/create/", "/auth/token/create/", "/auth/me/", "/auth/users/activate/", "/auth/password/reset/confirm/", "/auth/jwt/create/",
         "/auth/jwt/verify/", "/auth/password/", "/auth/email/", "/auth/users/delete/", "/auth/"];

    /// <summary>The request variants: a name, then the raw request for a path (the host and <c>Connection: close</c> are added).</summary>
    private static readonly (string Name, Func<string, byte[]> Request)[] Variants =
    [
        ("nul-in-path", path => Ascii($"POST {path}%00 HTTP/1.1\r\n{{0}}Content-Length: 2\r\n\r\n{{}}")),
        ("raw-nul-in-path", path => Bytes(Ascii($"GET {path}"), [0x00], Ascii(" HTTP/1.1\r\n{0}\r\n"))),
        ("raw-utf8-in-path", path => Bytes(Ascii($"GET {path}"), [0xC3, 0xBC], Ascii(" HTTP/1.1\r\n{0}\r\n"))),
        ("raw-invalid-utf8-in-path", path => Bytes(Ascii($"GET {path}"), [0xFF, 0xC0, 0xAF], Ascii(" HTTP/1.1\r\n{0}\r\n"))),
        ("overlong-percent-in-path", path => Ascii($"GET {path}%C0%AF HTTP/1.1\r\n{{0}}\r\n")),
        ("utf8-authorization", path => Bytes(Ascii($"GET {path} HTTP/1.1\r\n{{0}}Authorization: Token "), [0xC3, 0xBC, 0xC3, 0xB1], Ascii("\r\n\r\n"))),
        ("latin1-authorization", path => Bytes(Ascii($"GET {path} HTTP/1.1\r\n{{0}}Authorization: Basic "), [0xFC, 0xE9], Ascii("\r\n\r\n"))),
        ("invalid-utf8-authorization", path => Bytes(Ascii($"GET {path} HTTP/1.1\r\n{{0}}Authorization: Bearer "), [0xFF, 0xFE, 0xED, 0xA0, 0x80], Ascii("\r\n\r\n"))),
        ("nul-in-authorization", path => Bytes(Ascii($"GET {path} HTTP/1.1\r\n{{0}}Authorization: Token a"), [0x00], Ascii("b\r\n\r\n"))),
        ("control-in-authorization", path => Bytes(Ascii($"GET {path} HTTP/1.1\r\n{{0}}Authorization: Token a"), [0x01, 0x7F], Ascii("\r\n\r\n"))),
        ("huge-authorization", path => Ascii($"GET {path} HTTP/1.1\r\n{{0}}Authorization: Token {new string('A', 16 * 1024)}\r\n\r\n")),
        ("too-large-headers", path => Ascii($"GET {path} HTTP/1.1\r\n{{0}}Authorization: Token {new string('A', 40 * 1024)}\r\n\r\n")),
        ("folded-header", path => Ascii($"GET {path} HTTP/1.1\r\n{{0}}Authorization: Token\r\n abc\r\n\r\n")),
        ("utf8-content-type", path => Bytes(Ascii($"POST {path} HTTP/1.1\r\n{{0}}Content-Type: application/json; charset="), [0xC3, 0xBC], Ascii("\r\nContent-Length: 2\r\n\r\n{}"))),
        ("invalid-utf8-json", path => Bytes(Ascii($"POST {path} HTTP/1.1\r\n{{0}}Content-Type: application/json\r\nContent-Length: 16\r\n\r\n{{\"email\": \""), [0xC0, 0xAF, 0xFF], Ascii("\"}"))),
        ("nul-json", path => Bytes(Ascii($"POST {path} HTTP/1.1\r\n{{0}}Content-Type: application/json\r\nContent-Length: 12\r\n\r\n{{\"uid\": \""), [0x00], Ascii("\"}"))),
        ("utf16-json-no-bom", path => Bytes(Ascii($"POST {path} HTTP/1.1\r\n{{0}}Content-Type: application/json; charset=utf-16\r\nContent-Length: 20\r\n\r\n"), Encoding.BigEndianUnicode.GetBytes("{\"uid\": 1}"), [])),
        ("nul-form", path => Ascii($"POST {path} HTTP/1.1\r\n{{0}}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\nemail=%00")),
        ("two-content-lengths", path => Ascii($"POST {path} HTTP/1.1\r\n{{0}}Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{{}}")),
        ("length-and-chunked", path => Ascii($"POST {path} HTTP/1.1\r\n{{0}}Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{{}}\r\n0\r\n\r\n")),
        ("bad-content-length", path => Ascii($"POST {path} HTTP/1.1\r\n{{0}}Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{{}}")),
        ("negative-content-length", path => Ascii($"POST {path} HTTP/1.1\r\n{{0}}Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{{}}")),
        ("unknown-transfer-encoding", path => Ascii($"POST {path} HTTP/1.1\r\n{{0}}Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n{{}}")),
        ("http10", path => Ascii($"POST {path} HTTP/1.0\r\n{{0}}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{{}}")),
        ("absolute-uri", path => Ascii($"GET http://example.com{path} HTTP/1.1\r\n{{0}}\r\n")),
        ("garbage-method", path => Ascii($"G\u00c9T {path} HTTP/1.1\r\n{{0}}\r\n")),
        ("lowercase-method", path => Ascii($"post {path} HTTP/1.1\r\n{{0}}Content-Length: 0\r\n\r\n")),
        ("trace", path => Ascii($"TRACE {path} HTTP/1.1\r\n{{0}}Authorization: Token secret\r\n\r\n")),
        ("bare-lf", path => Ascii($"GET {path} HTTP/1.1\n{{0}}\n")),
        ("space-before-colon", path => Ascii($"GET {path} HTTP/1.1\r\n{{0}}Authorization : Token x\r\n\r\n")),
    ];

    [Fact]
    public async Task RawRequests_EveryRouteAndVariant_NeverA5xxAndErrorsInDrfShape()
    {
        var failures = new List<string>();
        foreach (var path in Paths)
        {
            foreach (var (name, build) in Variants)
            {
                var (status, mediaType, body, raw) = await SendAsync(build(path));
                var problem = status is null ? null : FuzzResponseCheck.Problem("GET", status.Value, mediaType, body);
                if (problem is not null)
                {
                    failures.Add($"{name} {path}: {problem}: {(raw.Length > 400 ? raw[..400] : raw)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.DoesNotContain(app.Responses, response => response.Status >= 500);
        Assert.True(app.Errors.IsEmpty, string.Join("\n", app.Errors));
    }

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] Bytes(byte[] first, byte[] second, byte[] third) => [.. first, .. second, .. third];

    /// <summary>Sends one raw request (with the host header in place of <c>{0}</c>) and reads the answer until the server closes.</summary>
    private async Task<(int? Status, string? MediaType, byte[] Body, string Raw)> SendAsync(byte[] template)
    {
        var address = app.Address;
        var marker = Ascii("{0}");
        var at = template.AsSpan().IndexOf(marker);
        byte[] request = at < 0 ? template : [.. template.AsSpan(0, at), .. Ascii($"Host: {address.Authority}\r\nConnection: close\r\n"), .. template.AsSpan(at + marker.Length)];
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", address.Port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var received = new MemoryStream();
        try
        {
            await stream.WriteAsync(request);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // A reset after the answer: what arrived is the answer.
        }

        var bytes = received.ToArray();
        var text = Encoding.Latin1.GetString(bytes);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.", StringComparison.Ordinal) || headerEnd < 0)
        {
            // Closed without an answer: Kestrel's verdict on a request it could not read; nothing reached djoser.
            return (null, null, [], text);
        }

        var head = text[..headerEnd];
        var status = int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture);
        var mediaType = head.Split("\r\n").Skip(1)
            .Where(line => line.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
            .Select(line => line["Content-Type:".Length..].Split(';')[0].Trim()).FirstOrDefault();
        var body = bytes[(headerEnd + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }

        return (status, mediaType, body, text);
    }

    private static byte[] Unchunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, lineEnd), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            body.Write(chunked, at + lineEnd + 2, size);
            at += lineEnd + 2 + size + 2;
        }

        return body.ToArray();
    }
}
