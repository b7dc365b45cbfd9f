using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

namespace Djoser.IntegrationTests;

/// <summary>
/// Bodies no djoser client sends, to every endpoint that reads one (spec §1.3, §1.8): each answers a 4xx with a
/// DRF-shaped JSON body, never a 500 or a server exception.
/// </summary>
public sealed class BodyRobustnessTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>, IAsyncLifetime
{
    private const int FortyMegabytes = 40 * 1024 * 1024;
    private const string TooLarge = "Request body is too large: djoser accepts at most 2621440 bytes.";

    // One 40 MB payload per kind, shared: the server must refuse them without reading them.
    private static readonly Lazy<byte[]> HugeJson = new(() => Encoding.ASCII.GetBytes("{\"email\": \"" + new string('x', FortyMegabytes) + "\"}"));
    private static readonly Lazy<byte[]> HugeForm = new(() => Encoding.ASCII.GetBytes("email=" + new string('x', FortyMegabytes)));
    private static readonly Lazy<byte[]> HugeMultipart = new(() => Encoding.ASCII.GetBytes(
        "--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n" + new string('x', FortyMegabytes) + "\r\n--b--\r\n"));

    // One logged-in user per app: registering one per case would spend the run hashing passwords.
    private static readonly ConditionalWeakTable<DjoserApp, Task<string>> Tokens = new();

    private string _token = string.Empty;

    /// <summary>Every V1 endpoint that reads a body. Logout never does (djoser's view ignores request.data), so it has its own test.</summary>
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/auth/users/create/" },
        { "PUT", "/auth/me/" },
        { "PATCH", "/auth/me/" },
        { "POST", "/auth/users/delete/" },
        { "POST", "/auth/users/activate/" },
        { "POST", "/auth/email/" },
        { "POST", "/auth/password/" },
        { "POST", "/auth/password/reset/" },
        { "POST", "/auth/password/reset/confirm/" },
        { "POST", "/auth/token/create/" },
    };

    /// <summary>The nasty bodies: a name, the expected status and the start of the expected detail.</summary>
    public static TheoryData<string, int, string> Bodies => new()
    {
        { "invalid-utf8", 400, "JSON parse error - 'utf-8' codec can't decode byte 0xff in position 11: invalid start byte" },
        { "raw-surrogate", 400, "JSON parse error - 'utf-8' codec can't decode byte 0xed in position 11: invalid continuation byte" },
        { "escaped-lone-surrogate", 400, "JSON parse error - Lone surrogate escape \\ud800 in a string: line 1 column 12 (char 11)" },
        { "escaped-lone-surrogate-name", 400, "JSON parse error - Lone surrogate escape \\udc00 in a string: line 1 column 3 (char 2)" },
        { "ascii-with-latin1-byte", 400, "JSON parse error - 'us-ascii' codec can't decode byte 0xe9 in position 11: invalid data" },
        { "deep-nesting", 400, "JSON parse error - The maximum configured depth of 64 has been exceeded" },
        { "huge-json", 413, TooLarge },
        { "huge-json-chunked", 413, TooLarge },
        { "huge-form", 413, TooLarge },
        { "huge-form-chunked", 413, TooLarge },
        { "huge-multipart", 413, TooLarge },
        { "truncated-multipart", 400, "Multipart form parse error - " },
        { "multipart-without-boundary", 400, "Multipart form parse error - Missing content-type boundary." },
        { "too-many-form-fields", 400, "Form parse error - Form value count limit 1000 exceeded." },
        { "unknown-charset", 415, "Unsupported media type \"application/json; charset=klingon\" in request." },
        { "utf7-charset", 415, "Unsupported media type \"application/json; charset=utf-7\" in request." },
        { "garbage-content-type", 415, "Unsupported media type \"garbage;;\" in request." },
    };

    public static TheoryData<string, string, string, int, string> EveryEndpointAndBody()
    {
        var data = new TheoryData<string, string, string, int, string>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var body in Bodies)
            {
                data.Add((string)endpoint[0], (string)endpoint[1], (string)body[0], (int)body[1], (string)body[2]);
            }
        }

        return data;
    }

    public async Task InitializeAsync() => _token = await Tokens.GetValue(App, _ => LoggedInTokenAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(EveryEndpointAndBody))]
    public async Task NastyBody_Returns4xxWithJsonDetail(string method, string path, string body, int status, string detail)
    {
        var response = await Client.SendAsync(new HttpMethod(method), path, Content(body), _token);

        Assert.True((int)response.Status == status, $"{method} {path} with {body}: expected {status}, got {(int)response.Status}: {response.Body}");
        Assert.Equal("application/json", response.ContentHeaders.ContentType?.MediaType);
        var json = Assert.IsType<System.Text.Json.Nodes.JsonObject>(response.Json);
        Assert.StartsWith(detail, Assert.Single(json, pair => pair.Key == "detail").Value!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(json);
    }

    public static TheoryData<string> BodyNames => new(Bodies.Select(body => (string)body[0]));

    [Theory]
    [MemberData(nameof(BodyNames))]
    public async Task Logout_NastyBody_IsIgnoredAsDjoserDoes(string body)
    {
        var (_, token) = await ActiveUserAsync();

        (await Client.SendAsync(HttpMethod.Post, "/auth/token/destroy/", Content(body), token)).IsEmpty(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/auth/me/", token)).Status);
    }

    private async Task<string> LoggedInTokenAsync() => (await ActiveUserAsync()).Token;

    private static HttpContent Content(string body) => body switch
    {
        "invalid-utf8" => Bytes("application/json", Encoding.ASCII.GetBytes("{\"email\": \""), [0xFF], Encoding.ASCII.GetBytes("\"}")),
        "raw-surrogate" => Bytes("application/json", Encoding.ASCII.GetBytes("{\"email\": \""), [0xED, 0xA0, 0x80], Encoding.ASCII.GetBytes("\"}")),
        "escaped-lone-surrogate" => Text("application/json", "{\"email\": \"\\ud800\", \"password\": \"x\", \"current_password\": \"x\"}"),
        "escaped-lone-surrogate-name" => Text("application/json", "{\"\\udc00\": 1}"),
        "ascii-with-latin1-byte" => Bytes("application/json; charset=us-ascii", Encoding.ASCII.GetBytes("{\"email\": \""), [0xE9], Encoding.ASCII.GetBytes("\"}")),
        "deep-nesting" => Text("application/json", "{\"email\": " + new string('[', 100) + new string(']', 100) + "}"),
        "huge-json" => Bytes("application/json", HugeJson.Value),
        "huge-json-chunked" => Chunked("application/json", HugeJson.Value),
        "huge-form" => Bytes("application/x-www-form-urlencoded", HugeForm.Value),
        "huge-form-chunked" => Chunked("application/x-www-form-urlencoded", HugeForm.Value),
        "huge-multipart" => Bytes("multipart/form-data; boundary=b", HugeMultipart.Value),
        "truncated-multipart" => Text("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nann@exa"),
        "multipart-without-boundary" => Text("multipart/form-data", "--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx\r\n--b--\r\n"),
        "too-many-form-fields" => Text("application/x-www-form-urlencoded", string.Join('&', Enumerable.Range(0, 1001).Select(i => $"f{i}=v"))),
        "unknown-charset" => Text("application/json; charset=klingon", "{\"email\": \"ann@example.com\"}"),
        "utf7-charset" => Text("application/json; charset=utf-7", "{\"email\": \"ann@example.com\"}"),
        "garbage-content-type" => Text("garbage;;", "{\"email\": \"ann@example.com\"}"),
        _ => throw new ArgumentOutOfRangeException(nameof(body), body, null),
    };

    private static ByteArrayContent Bytes(string contentType, params byte[][] parts) =>
        WithType(new ByteArrayContent(parts.Length == 1 ? parts[0] : parts.SelectMany(part => part).ToArray()), contentType);

    private static ByteArrayContent Text(string contentType, string text) => WithType(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), contentType);

    // A stream of unknown length goes out chunked, without a Content-Length for the server to refuse up front.
    private static StreamContent Chunked(string contentType, byte[] bytes) => WithType(new StreamContent(new UnseekableStream(bytes)), contentType);

    private static T WithType<T>(T content, string contentType)
        where T : HttpContent
    {
        // Without validation, so a malformed header reaches the server as sent.
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
