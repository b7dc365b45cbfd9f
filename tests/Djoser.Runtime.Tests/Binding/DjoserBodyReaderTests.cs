using System.Text;
using System.Text.Json;
using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using static Djoser.Runtime.Tests.Binding.BindingTestSupport;

namespace Djoser.Runtime.Tests.Binding;

public sealed class DjoserBodyReaderTests
{
    private readonly DjoserValidationErrors _errors = new();

    private static async Task<(DjoserRequestBody? Body, IResult? Error)> ReadAsync(HttpContext context) =>
        await DjoserBodyReader.ReadAsync(context.Request, CancellationToken.None);

    private static async Task<(int Status, string Body)> ErrorOf(HttpContext context)
    {
        var (body, error) = await ReadAsync(context);
        Assert.Null(body);
        Assert.NotNull(error);
        var (status, text, _) = await ExecuteAsync(error);
        return (status, text);
    }

    private static string Detail(string body) => JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("Application/JSON")]
    public async Task ReadAsync_JsonObject_ReadsFields(string contentType)
    {
        var (body, error) = await ReadAsync(Request(contentType, """{"username": " ann ", "n": 1}"""));

        Assert.Null(error);
        Assert.NotNull(body);
        Assert.Equal("ann", body.ReadString("username", DjoserFieldRules.Required, _errors).Value);
    }

    [Fact]
    public async Task ReadAsync_JsonWithLatin1Charset_DecodesTheDeclaredCharset()
    {
        var context = Request("application/json; charset=iso-8859-1", null);
        var bytes = Encoding.Latin1.GetBytes("""{"first_name": "José"}""");
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;

        var (body, error) = await ReadAsync(context);

        Assert.Null(error);
        Assert.Equal("José", body!.ReadString("first_name", DjoserFieldRules.Required, _errors).Value);
    }

    [Fact]
    public async Task ReadAsync_FormUrlEncoded_ReadsLastOfRepeatedKeys()
    {
        var (body, error) = await ReadAsync(Request("application/x-www-form-urlencoded", "username=ann&email=a%40example.com&username=bob"));

        Assert.Null(error);
        Assert.Equal("bob", body!.ReadString("username", DjoserFieldRules.Required, _errors).Value);
        Assert.Equal("a@example.com", body.ReadString("email", DjoserFieldRules.Required | DjoserFieldRules.Email, _errors).Value);
    }

    [Fact]
    public async Task ReadAsync_Multipart_ReadsFields()
    {
        const string boundary = "XyZ";
        var multipart = $"--{boundary}\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nann\r\n--{boundary}--\r\n";

        var (body, error) = await ReadAsync(Request($"multipart/form-data; boundary={boundary}", multipart));

        Assert.Null(error);
        Assert.Equal("ann", body!.ReadString("username", DjoserFieldRules.Required, _errors).Value);
    }

    [Fact]
    public async Task ReadAsync_NoBody_IsEmpty()
    {
        var (body, error) = await ReadAsync(Request(null, null, contentLength: null));

        Assert.Null(error);
        Assert.Same(DjoserRequestBody.Empty, body);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    public async Task ReadAsync_ContentLengthZero_IsEmptyWhateverTheType(string contentType)
    {
        var (body, error) = await ReadAsync(Request(contentType, string.Empty, contentLength: 0));

        Assert.Null(error);
        Assert.Same(DjoserRequestBody.Empty, body);
    }

    [Fact]
    public async Task ReadAsync_EmptyBody_RequiredFieldsReportRequired()
    {
        var (body, _) = await ReadAsync(Request("application/json", string.Empty));

        body!.ReadString("username", DjoserFieldRules.Required, _errors);
        Assert.Equal(["This field is required."], _errors["username"]);
    }

    [Fact]
    public async Task ReadAsync_ChunkedJson_IsRead()
    {
        var context = Request("application/json", """{"a": "b"}""", contentLength: null);
        context.Request.Headers.TransferEncoding = "chunked";

        var (body, error) = await ReadAsync(context);

        Assert.Null(error);
        Assert.Equal("b", body!.ReadString("a", DjoserFieldRules.Required, _errors).Value);
    }

    [Fact]
    public async Task ReadAsync_ServerSaysNoBody_IsEmpty()
    {
        var context = Request("application/json", """{"a": "b"}""", contentLength: null);
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(false));

        var (body, _) = await ReadAsync(context);

        Assert.Same(DjoserRequestBody.Empty, body);
    }

    [Fact]
    public async Task ReadAsync_Http2StreamWithoutLength_IsRead()
    {
        var context = Request("application/json", """{"a": "b"}""", contentLength: null);
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(true));

        var (body, _) = await ReadAsync(context);

        Assert.Equal("b", body!.ReadString("a", DjoserFieldRules.Required, _errors).Value);
    }

    [Theory]
    [InlineData("text/plain", "Unsupported media type \"text/plain\" in request.")]
    [InlineData("text/plain; charset=utf-8", "Unsupported media type \"text/plain; charset=utf-8\" in request.")]
    [InlineData("application/xml", "Unsupported media type \"application/xml\" in request.")]
    [InlineData("application/vnd.api+json", "Unsupported media type \"application/vnd.api+json\" in request.")]
    [InlineData(null, "Unsupported media type \"\" in request.")]
    public async Task ReadAsync_OtherMediaType_Returns415(string? contentType, string message)
    {
        var (status, body) = await ErrorOf(Request(contentType, """{"a": 1}"""));

        Assert.Equal(415, status);
        Assert.Equal(message, Detail(body));
    }

    [Theory]
    [InlineData("[]", "list")]
    [InlineData("[1, 2]", "list")]
    [InlineData("\"text\"", "str")]
    [InlineData("12", "int")]
    [InlineData("-0", "int")]
    [InlineData("123456789012345678901234567890", "int")]
    [InlineData("12.0", "float")]
    [InlineData("1e2", "float")]
    [InlineData("true", "bool")]
    [InlineData("false", "bool")]
    public async Task ReadAsync_NonObjectJson_Returns400NonFieldError(string json, string pythonType)
    {
        var (status, body) = await ErrorOf(Request("application/json", json));

        Assert.Equal(400, status);
        Assert.Equal($$"""{"non_field_errors":["Invalid data. Expected a dictionary, but got {{pythonType}}."]}""", body);
    }

    [Fact]
    public async Task ReadAsync_JsonNull_Returns400NoDataProvided()
    {
        var (status, body) = await ErrorOf(Request("application/json", "null"));

        Assert.Equal(400, status);
        Assert.Equal("""{"non_field_errors":["No data provided"]}""", body);
    }

    [Theory]
    [InlineData("{", 1, 2, 1)]
    [InlineData("{\"a\":}", 1, 6, 5)]
    [InlineData("{'a': 1}", 1, 2, 1)]
    [InlineData("{\"a\": 1} x", 1, 10, 9)]
    [InlineData("{\n  \"a\": 1,\n  }", 3, 3, 14)]
    [InlineData("{\"é\": 1 x}", 1, 9, 8)]
    public async Task ReadAsync_MalformedJson_Returns400WithPythonStylePosition(string json, int line, int column, int character)
    {
        var (status, body) = await ErrorOf(Request("application/json", json));

        Assert.Equal(400, status);
        var detail = Detail(body);
        Assert.StartsWith("JSON parse error - ", detail, StringComparison.Ordinal);
        Assert.EndsWith($": line {line} column {column} (char {character})", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MalformedJson_KeepsTheParserDescription()
    {
        var (_, body) = await ErrorOf(Request("application/json", "{\"a\":}"));

        Assert.Equal("JSON parse error - '}' is an invalid start of a value: line 1 column 6 (char 5)", Detail(body));
    }

    [Fact]
    public async Task ReadAsync_JsonBody_StaysReadableAfterReturn()
    {
        var context = Request("application/json", """{"a": "b"}""");

        var (body, _) = await ReadAsync(context);

        Assert.NotNull(body);
        Assert.True(body.Contains("a"));
    }

    private static HttpContext Raw(string? contentType, byte[] bytes, long? contentLength = -1) => RawOver(contentType, new MemoryStream(bytes), contentLength == -1 ? bytes.Length : contentLength);

    private static HttpContext RawOver(string? contentType, Stream body, long? contentLength)
    {
        var context = Request(contentType, null, contentLength);
        context.Request.Body = body;
        context.Request.ContentLength = contentLength;
        if (contentLength is null)
        {
            context.Request.Headers.TransferEncoding = "chunked";
        }

        return context;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(part => part).ToArray();

    private static async Task<(int Status, string Detail)> LimitedErrorOf(HttpContext context, long limit)
    {
        var (body, error) = await DjoserBodyReader.ReadAsync(context.Request, limit, CancellationToken.None);
        Assert.Null(body);
        Assert.NotNull(error);
        var (status, text, response) = await ExecuteAsync(error);
        Assert.Equal("application/json", response.ContentType);
        return (status, Detail(text));
    }

    public static TheoryData<byte[], string> InvalidUtf8Bodies => new()
    {
        { Concat(Bytes("{\"a\": \""), [0xFF], Bytes("\"}")), "'utf-8' codec can't decode byte 0xff in position 7: invalid start byte" },
        { Concat(Bytes("{\"a\": \""), [0xC0, 0xAF], Bytes("\"}")), "'utf-8' codec can't decode byte 0xc0 in position 7: invalid start byte" },
        // A surrogate written as raw bytes (CESU/WTF-8) is not UTF-8: Python stops at its first byte.
        { Concat(Bytes("{\"a\": \""), [0xED, 0xA0, 0x80], Bytes("\"}")), "'utf-8' codec can't decode byte 0xed in position 7: invalid continuation byte" },
        { Concat(Bytes("{\"a\": \""), [0xE2, 0x82], Bytes("\"}")), "'utf-8' codec can't decode bytes in position 7-8: invalid continuation byte" },
        { Concat(Bytes("{\""), [0xC3], Bytes("\": 1}")), "'utf-8' codec can't decode byte 0xc3 in position 2: invalid continuation byte" },
        { Concat(Bytes("{\"é\": 1}"), [0xE2, 0x82]), "'utf-8' codec can't decode bytes in position 9-10: unexpected end of data" },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8Bodies))]
    public async Task ReadAsync_InvalidUtf8_Returns400PythonDecodeError(byte[] json, string message)
    {
        var (status, body) = await ErrorOf(Raw("application/json", json));

        Assert.Equal(400, status);
        Assert.Equal("JSON parse error - " + message, Detail(body));
    }

    [Theory]
    [InlineData("{\"a\": \"\\ud800\"}", "d800", 1, 8, 7)]
    [InlineData("{\"a\": \"\\udc00\"}", "dc00", 1, 8, 7)]
    [InlineData("{\"a\": \"x\\uD83D\"}", "d83d", 1, 9, 8)]
    [InlineData("{\"a\": \"\\ud800\\u0041\"}", "d800", 1, 8, 7)]
    [InlineData("{\"a\": \"\\ude00\\ud83d\"}", "de00", 1, 8, 7)]
    [InlineData("{\"\\ud800\": 1}", "d800", 1, 3, 2)]
    [InlineData("{\"a\": \"ok\", \"b\": [\"x\", {\"é\": \"\\\\\\uDBFF\"}]}", "dbff", 1, 33, 32)]
    [InlineData("{\n  \"a\": \"\\ud800\"\n}", "d800", 2, 9, 10)]
    public async Task ReadAsync_LoneSurrogateEscape_Returns400ParseError(string json, string unit, int line, int column, int character)
    {
        var (status, body) = await ErrorOf(Request("application/json", json));

        Assert.Equal(400, status);
        Assert.Equal($"JSON parse error - Lone surrogate escape \\u{unit} in a string: line {line} column {column} (char {character})", Detail(body));
    }

    [Theory]
    [InlineData("{\"a\": \"\\ud83d\\ude00\"}", "😀")]
    [InlineData("{\"a\": \"\\\\ud800\"}", "\\ud800")]
    [InlineData("{\"a\": \"\\u00e9\\n\"}", "é")]
    public async Task ReadAsync_ValidEscapes_AreRead(string json, string expected)
    {
        var (body, error) = await ReadAsync(Request("application/json", json));

        Assert.Null(error);
        Assert.Equal(expected, body!.ReadString("a", DjoserFieldRules.Required, _errors).Value);
    }

    [Theory]
    [InlineData("latin-1")]
    [InlineData("latin_1")]
    [InlineData("ISO-8859-1")]
    [InlineData("\"latin1\"")]
    public async Task ReadAsync_Latin1Aliases_DecodeTheDeclaredCharset(string charset)
    {
        var (body, error) = await ReadAsync(Raw($"application/json; charset={charset}", Encoding.Latin1.GetBytes("{\"first_name\": \"José\"}")));

        Assert.Null(error);
        Assert.Equal("José", body!.ReadString("first_name", DjoserFieldRules.Required, _errors).Value);
    }

    [Fact]
    public async Task ReadAsync_WindowsCodePage_IsDecoded()
    {
        var json = Concat(Bytes("{\"a\": \""), [0x80], Bytes("\"}"));

        var (body, error) = await ReadAsync(Raw("application/json; charset=windows-1252", json));

        Assert.Null(error);
        Assert.Equal("€", body!.ReadString("a", DjoserFieldRules.Required, _errors).Value);
    }

    [Fact]
    public async Task ReadAsync_UrlEncodedInACodePage_IsDecoded()
    {
        var (body, error) = await ReadAsync(Raw("application/x-www-form-urlencoded; charset=windows-1252", Concat(Bytes("a="), [0x80])));

        Assert.Null(error);
        Assert.Equal("€", body!.ReadString("a", DjoserFieldRules.Required, _errors).Value);
    }

    [Fact]
    public async Task ReadAsync_Utf16_IsDecoded()
    {
        var (body, error) = await ReadAsync(Raw("application/json; charset=utf-16", Encoding.Unicode.GetBytes("{\"a\": \"Zoë\"}")));

        Assert.Null(error);
        Assert.Equal("Zoë", body!.ReadString("a", DjoserFieldRules.Required, _errors).Value);
    }

    [Fact]
    public async Task ReadAsync_BytesInvalidInTheDeclaredCharset_Returns400DecodeError()
    {
        var json = Concat(Encoding.Unicode.GetBytes("{\"a\": \""), [0x00, 0xD8], Encoding.Unicode.GetBytes("\"}"));

        var (status, body) = await ErrorOf(Raw("application/json; charset=utf-16", json));

        Assert.Equal(400, status);
        Assert.StartsWith("JSON parse error - 'utf-16' codec can't decode byte", Detail(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NonAsciiInAsciiBody_Returns400DecodeError()
    {
        var json = Concat(Bytes("{\"a\": \""), [0xE9], Bytes("\"}"));

        var (status, body) = await ErrorOf(Raw("application/json; charset=us-ascii", json));

        Assert.Equal(400, status);
        Assert.Equal("JSON parse error - 'us-ascii' codec can't decode byte 0xe9 in position 7: invalid data", Detail(body));
    }

    [Theory]
    [InlineData("application/json; charset=klingon")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/x-www-form-urlencoded; charset=klingon")]
    [InlineData("multipart/form-data; boundary=x; charset=nope")]
    public async Task ReadAsync_UnknownCharset_Returns415NamingTheHeader(string contentType)
    {
        var (status, body) = await ErrorOf(Request(contentType, "{}"));

        Assert.Equal(415, status);
        Assert.Equal($"Unsupported media type \"{contentType}\" in request.", Detail(body));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("application/json;;;")]
    [InlineData("/")]
    [InlineData("application/")]
    [InlineData("\u00e9/json")]
    public async Task ReadAsync_GarbageContentType_Returns415(string contentType)
    {
        var (status, body) = await ErrorOf(Request(contentType, "{}"));

        Assert.Equal(415, status);
        Assert.Equal($"Unsupported media type \"{contentType}\" in request.", Detail(body));
    }

    [Theory]
    [InlineData("application/json", "{\"a\": \"", "\"}")]
    [InlineData("application/x-www-form-urlencoded", "a=", "")]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n", "\r\n--b--\r\n")]
    public async Task ReadAsync_BodyAtTheLimit_IsRead(string contentType, string prefix, string suffix)
    {
        const int limit = 200;
        var value = new string('x', limit - prefix.Length - suffix.Length);

        var (body, error) = await DjoserBodyReader.ReadAsync(Request(contentType, prefix + value + suffix).Request, limit, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(value, body!.ReadString("a", DjoserFieldRules.Required, _errors).Value);
    }

    [Theory]
    [InlineData("application/json", "{\"a\": \"", "\"}")]
    [InlineData("application/x-www-form-urlencoded", "a=", "")]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n", "\r\n--b--\r\n")]
    public async Task ReadAsync_BodyOneByteOverTheLimit_Returns413(string contentType, string prefix, string suffix)
    {
        const int limit = 200;
        var text = prefix + new string('x', limit + 1 - prefix.Length - suffix.Length) + suffix;

        var (status, detail) = await LimitedErrorOf(Request(contentType, text), limit);

        Assert.Equal(413, status);
        Assert.Equal("Request body is too large: djoser accepts at most 200 bytes.", detail);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=b")]
    public async Task ReadAsync_DeclaredLengthOverTheLimit_Returns413WithoutReading(string contentType)
    {
        var body = new CountingStream(long.MaxValue);

        var (status, _) = await LimitedErrorOf(RawOver(contentType, body, 40L * 1024 * 1024), 1000);

        Assert.Equal(413, status);
        Assert.Equal(0, body.BytesRead);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task ReadAsync_ChunkedBodyOverTheLimit_StopsReadingAndReturns413(string contentType)
    {
        var body = new CountingStream(40L * 1024 * 1024);

        var (status, _) = await LimitedErrorOf(RawOver(contentType, body, contentLength: null), 100_000);

        Assert.Equal(413, status);
        Assert.InRange(body.BytesRead, 100_001, 100_000 + (64 * 1024));
    }

    [Fact]
    public async Task ReadAsync_DefaultLimit_IsDjangosDataUploadMaxMemorySize()
    {
        var padding = new string('x', 2_621_440 - "{\"a\": \"\"}".Length);

        var (body, error) = await ReadAsync(Request("application/json", $"{{\"a\": \"{padding}\"}}"));
        Assert.Null(error);
        Assert.Equal(padding.Length, body!.ReadString("a", DjoserFieldRules.Required, _errors).Value!.Length);

        var (status, detail) = await ErrorOf(Request("application/json", $"{{\"a\": \"{padding}x\"}}"));
        Assert.Equal(413, status);
        Assert.Equal("Request body is too large: djoser accepts at most 2621440 bytes.", Detail(detail));
    }

    [Fact]
    public async Task ReadAsync_ConfiguredLimit_IsUsed()
    {
        var context = Request("application/json", """{"a": "0123456789"}""");
        var services = new ServiceCollection().AddLogging();
        services.Configure<DjoserOptions>(options => options.MaxRequestBodySize = 10);
        context.RequestServices = services.BuildServiceProvider();

        var (status, body) = await ErrorOf(context);

        Assert.Equal(413, status);
        Assert.Equal("Request body is too large: djoser accepts at most 10 bytes.", Detail(body));
    }

    [Fact]
    public async Task ReadAsync_ServerBodySizeLimit_IsSetToTheLimit()
    {
        var context = Request("application/json", "{}");
        var feature = new MaxBodySize();
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(feature);

        await DjoserBodyReader.ReadAsync(context.Request, 1234, CancellationToken.None);

        Assert.Equal(1234, feature.MaxRequestBodySize);
    }

    [Fact]
    public async Task ReadAsync_NonPositiveLimit_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DjoserBodyReader.ReadAsync(Request("application/json", "{}").Request, 0, CancellationToken.None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void OptionsValidator_NonPositiveMaxRequestBodySize_Fails(long size)
    {
        var options = new DjoserOptions { PasswordResetConfirmUrl = "#/reset/{uid}/{token}", MaxRequestBodySize = size };

        var result = new DjoserOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Djoser:MaxRequestBodySize must be a positive number of bytes (default 2621440, Django's DATA_UPLOAD_MAX_MEMORY_SIZE), not {size}.", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(413, "Request body is too large: djoser accepts at most 1000 bytes.")]
    [InlineData(400, "Unexpected end of request content.")]
    [InlineData(408, "Reading the request body timed out due to data arriving too slowly.")]
    public async Task ReadAsync_ServerRejectsTheBody_ReturnsItsStatusAsJson(int serverStatus, string message)
    {
        var body = new ThrowingStream(new BadHttpRequestException(serverStatus == 413 ? "Request body too large." : message, serverStatus));

        var (status, detail) = await LimitedErrorOf(RawOver("application/json", body, contentLength: null), 1000);

        Assert.Equal(serverStatus, status);
        Assert.Equal(message, detail);
    }

    [Theory]
    [InlineData("application/json", 50)]
    [InlineData("application/json", 100_000)]
    [InlineData("application/x-www-form-urlencoded", 50)]
    [InlineData("multipart/form-data; boundary=b", 100_000)]
    public async Task ReadAsync_BodyShorterThanContentLength_Returns400Incomplete(string contentType, long declared)
    {
        var (status, detail) = await LimitedErrorOf(Raw(contentType, Bytes("{\"a\": 1}"), declared), 1_000_000);

        Assert.Equal(400, status);
        Assert.Equal("Request body is incomplete: it ended before its declared length.", detail);
    }

    [Fact]
    public async Task ReadAsync_ConnectionReset_Returns400Incomplete()
    {
        var (status, detail) = await LimitedErrorOf(RawOver("application/json", new ThrowingStream(new IOException("reset")), 10), 1000);

        Assert.Equal(400, status);
        Assert.Equal("Request body is incomplete: it ended before its declared length.", detail);
    }

    [Fact]
    public async Task ReadAsync_RequestAborted_ReturnsAnErrorInsteadOfThrowing()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = RawOver("application/json", new ThrowingStream(new OperationCanceledException(aborted.Token)), 10);

        var (body, error) = await DjoserBodyReader.ReadAsync(context.Request, 1000, aborted.Token);

        Assert.Null(body);
        Assert.Equal(400, (await ExecuteAsync(error!)).Status);
    }

    [Theory]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nann")]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n")]
    [InlineData("--b\r\nnot a header line\r\n\r\nann\r\n--b--\r\n")]
    [InlineData("no boundary here")]
    public async Task ReadAsync_BrokenMultipart_Returns400MultipartParseError(string multipart)
    {
        var (status, body) = await ErrorOf(Request("multipart/form-data; boundary=b", multipart));

        Assert.Equal(400, status);
        Assert.StartsWith("Multipart form parse error - ", Detail(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=")]
    [InlineData("multipart/form-data; boundary=0123456789012345678901234567890123456789012345678901234567890123456789x")]
    public async Task ReadAsync_MultipartWithoutUsableBoundary_Returns400MultipartParseError(string contentType)
    {
        var (status, body) = await ErrorOf(Request(contentType, "--b\r\n\r\n--b--\r\n"));

        Assert.Equal(400, status);
        Assert.StartsWith("Multipart form parse error - ", Detail(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_UrlEncodedWithTooManyFields_Returns400FormParseError()
    {
        var fields = string.Join('&', Enumerable.Range(0, 1001).Select(i => $"f{i}=v"));

        var (status, body) = await ErrorOf(Request("application/x-www-form-urlencoded", fields));

        Assert.Equal(400, status);
        Assert.Equal("Form parse error - Form value count limit 1000 exceeded.", Detail(body));
    }

    [Fact]
    public async Task ReadAsync_UrlEncodedWithDjangosFieldCount_IsRead()
    {
        var fields = string.Join('&', Enumerable.Range(0, 1000).Select(i => $"f{i}=v{i}"));

        var (body, error) = await ReadAsync(Request("application/x-www-form-urlencoded", fields));

        Assert.Null(error);
        Assert.Equal("v999", body!.ReadString("f999", DjoserFieldRules.Required, _errors).Value);
    }

    [Theory]
    [InlineData("a=%FF", "\ufffd")]
    [InlineData("a=%ED%A0%80", "\ufffd\ufffd\ufffd")]
    public async Task ReadAsync_UrlEncodedEscapeOfInvalidUtf8_IsReplacedAsDjangoDoes(string form, string expected)
    {
        // Django's unquote(errors='replace'); ASP.NET's form reader, no longer used for urlencoded bodies, kept the escape.
        var (body, error) = await ReadAsync(Request("application/x-www-form-urlencoded", form));

        Assert.Null(error);
        Assert.Equal(expected, body!.ReadString("a", DjoserFieldRules.Required, _errors).Value);
    }

    [Theory]
    [InlineData("email=%00")]
    [InlineData("email=a%00b&x=1")]
    public async Task ReadAsync_UrlEncodedNul_IsReadForTheFieldToRefuse(string form)
    {
        var (body, error) = await ReadAsync(Request("application/x-www-form-urlencoded", form));

        Assert.Null(error);
        body!.ReadString("email", DjoserFieldRules.Required, _errors);
        Assert.Equal(["Null characters are not allowed."], _errors["email"]);
    }

    [Fact]
    public async Task ReadAsync_UrlEncodedRawInvalidUtf8_IsReplaced()
    {
        var (body, error) = await ReadAsync(Raw("application/x-www-form-urlencoded", Concat(Bytes("a="), [0xFF, 0xED, 0xA0, 0x80])));

        Assert.Null(error);
        Assert.DoesNotContain(body!.ReadString("a", DjoserFieldRules.Required, _errors).Value!, c => char.IsSurrogate(c));
    }

    [Fact]
    public async Task ReadAsync_MultipartInvalidUtf8_IsReplaced()
    {
        var multipart = Concat(Bytes("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"), [0xFF, 0xED, 0xA0, 0x80], Bytes("\r\n--b--\r\n"));

        var (body, error) = await ReadAsync(Raw("multipart/form-data; boundary=b", multipart));

        Assert.Null(error);
        Assert.DoesNotContain(body!.ReadString("a", DjoserFieldRules.Required, _errors).Value!, c => char.IsSurrogate(c));
    }

    [Fact]
    public async Task ReadAsync_FormAlreadyRead_IsReused()
    {
        var context = Request("application/x-www-form-urlencoded", "a=from-body");
        context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(new() { ["a"] = "already-read" })));

        var (body, _) = await ReadAsync(context);

        Assert.Equal("already-read", body!.ReadString("a", DjoserFieldRules.Required, _errors).Value);
    }

    [Fact]
    public async Task ReadAsync_Form_IsAvailableAsRequestForm()
    {
        var context = Request("application/x-www-form-urlencoded", "a=b");

        await ReadAsync(context);

        Assert.Equal("b", context.Request.Form["a"].ToString());
    }

    [Theory]
    [InlineData(64, false)]
    [InlineData(65, true)]
    public async Task ReadAsync_DeepNesting_IsBoundedByTheParserDepth(int depth, bool rejected)
    {
        var json = "{\"a\": " + new string('[', depth - 1) + new string(']', depth - 1) + "}";

        var (body, error) = await ReadAsync(Request("application/json", json));

        Assert.Equal(rejected, error is not null);
        if (rejected)
        {
            var (status, text, _) = await ExecuteAsync(error!);
            Assert.Equal(400, status);
            Assert.Contains("maximum configured depth of 64", Detail(text), StringComparison.Ordinal);
        }
        else
        {
            Assert.NotNull(body);
        }
    }

    private sealed class MaxBodySize : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;

        public long? MaxRequestBodySize { get; set; } = 30_000_000;
    }

    /// <summary>An endless (or long) body of 'x' that counts what was read from it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)'x');
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class ThrowingStream(Exception exception) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw exception;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(exception);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => canHaveBody;
    }
}
