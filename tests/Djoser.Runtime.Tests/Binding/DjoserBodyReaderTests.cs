using System.Text;
using System.Text.Json;
using Djoser.Binding;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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

    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => canHaveBody;
    }
}
