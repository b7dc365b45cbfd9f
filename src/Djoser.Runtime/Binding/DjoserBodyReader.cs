using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Djoser.Configuration;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Djoser.Binding;

/// <summary>
/// Parses a request body the way DRF's JSON, form and multipart parsers do (spec §1.8): no body is an empty object,
/// malformed JSON is 400 <c>{"detail": "JSON parse error - …"}</c>, a non-object is 400 under <c>non_field_errors</c>,
/// any other media type is 415. No input gets past it to a 500: a body over
/// <see cref="DjoserOptions.MaxRequestBodySize"/> is 413, text that cannot be decoded is a parse error, and a body
/// that ends early is 400, each as <c>{"detail": "…"}</c>.
/// </summary>
public static class DjoserBodyReader
{
    private const string JsonMediaType = "application/json";
    private const string UrlEncodedMediaType = "application/x-www-form-urlencoded";
    private const string MultipartMediaType = "multipart/form-data";
    private const string Utf8CodecName = "utf-8";

    // Django's DATA_UPLOAD_MAX_NUMBER_FIELDS: more fields than this is a client error, not a djoser payload.
    private const int MaxFormFields = 1000;

    // Bodies declaring at most this much are read into one exact array; longer declared lengths grow as bytes
    // arrive, so a client cannot make the server hold the whole limit by only announcing it.
    private const int ExactReadThreshold = 64 * 1024;

    private static readonly long DefaultMaxBodySize = new DjoserOptions().MaxRequestBodySize;

    private enum BodyKind
    {
        Unsupported,
        Json,
        Form,
    }

    /// <summary>The body's fields, or the error response to send instead; the size limit is the configured <see cref="DjoserOptions.MaxRequestBodySize"/>.</summary>
    public static Task<(DjoserRequestBody? Body, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = request.HttpContext.RequestServices?.GetService<IOptions<DjoserOptions>>()?.Value.MaxRequestBodySize ?? DefaultMaxBodySize;
        return ReadAsync(request, limit, cancellationToken);
    }

    /// <summary>The body's fields, or the error response to send instead.</summary>
    /// <param name="request">The request whose body is read.</param>
    /// <param name="maxBodySize">The largest body in bytes that is read; a larger one answers 413.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public static async Task<(DjoserRequestBody? Body, IResult? Error)> ReadAsync(HttpRequest request, long maxBodySize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBodySize);
        if (!HasBody(request))
        {
            return (DjoserRequestBody.Empty, null);
        }

        // DRF picks the parser before reading a byte, so a wrong media type is 415 whatever the body's size.
        var kind = Classify(request.ContentType, out var mediaType);
        Encoding? encoding = null;
        if (kind == BodyKind.Unsupported || !TryGetEncoding(mediaType!, out encoding))
        {
            // DRF names the header as sent, parameters included, and "" when there is none. An unknown charset is
            // 415 too (Django would quietly read it as UTF-8): the representation cannot be decoded as declared.
            return (null, DjoserResults.Detail(StatusCodes.Status415UnsupportedMediaType,
                string.Format(CultureInfo.InvariantCulture, DjoserMessages.UnsupportedMediaTypeFormat, request.ContentType ?? string.Empty)));
        }

        if (kind == BodyKind.Form && request.HttpContext.Features.Get<IFormFeature>() is { Form: { } alreadyRead })
        {
            return (DjoserRequestBody.FromForm(alreadyRead), null);
        }

        var limit = Math.Min(maxBodySize, Array.MaxLength);
        var (bytes, readError) = await ReadBoundedAsync(request, limit, cancellationToken);
        if (bytes is null)
        {
            return (null, readError);
        }

        return kind == BodyKind.Form
            ? await ParseFormAsync(request, mediaType!, bytes, encoding, limit, cancellationToken)
            : ParseJson(request, bytes, encoding, mediaType!);
    }

    private static bool HasBody(HttpRequest request)
    {
        if (request.ContentLength is { } length)
        {
            return length > 0;
        }

        // Chunked HTTP/1.1 or an HTTP/2 stream with data: the server knows; without its feature, only chunking says so.
        return request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { } detection
            ? detection.CanHaveBody
            : request.Headers.ContainsKey(HeaderNames.TransferEncoding);
    }

    private static BodyKind Classify(string? contentType, out MediaTypeHeaderValue? mediaType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out mediaType))
        {
            return BodyKind.Unsupported;
        }

        var type = mediaType.MediaType;
        if (type.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Json;
        }

        return type.Equals(UrlEncodedMediaType, StringComparison.OrdinalIgnoreCase) || type.Equals(MultipartMediaType, StringComparison.OrdinalIgnoreCase)
            ? BodyKind.Form
            : BodyKind.Unsupported;
    }

    /// <summary>The declared charset's encoding; <see langword="null"/> for UTF-8 (declared or not); false when unknown.</summary>
    private static bool TryGetEncoding(MediaTypeHeaderValue mediaType, out Encoding? encoding)
    {
        encoding = null;
        var charset = mediaType.Charset.ToString().Trim('"');
        if (charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Python spells aliases with '_' or without '-' (latin_1, latin-1); .NET knows some only as latin1.
        encoding = FindEncoding(charset)
            ?? FindEncoding(charset.Replace('_', '-'))
            ?? FindEncoding(charset.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal));
        if (encoding?.CodePage == Encoding.UTF8.CodePage)
        {
            encoding = null;
            return true;
        }

        return encoding is not null;
    }

    private static Encoding? FindEncoding(string name)
    {
        // Windows code pages (cp1252, shift_jis…) without registering a provider for the whole process.
        if (CodePagesEncodingProvider.Instance.GetEncoding(name) is { } codePage)
        {
            return codePage;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            // NotSupportedException: UTF-7, which .NET refuses to decode (SYSLIB0001) as it smuggles markup.
            return null;
        }
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes (the server's own limit is set to it too, as
    /// <c>[RequestSizeLimit]</c> would); one byte more is 413, a body ending before its Content-Length is 400.
    /// </summary>
    private static async Task<(byte[]? Bytes, IResult? Error)> ReadBoundedAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        if (declared > limit)
        {
            return (null, TooLarge(limit));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = limit;
        }

        try
        {
            if (declared is { } exact and <= ExactReadThreshold)
            {
                var bytes = new byte[exact];
                var read = 0;
                while (read < bytes.Length)
                {
                    var count = await request.Body.ReadAsync(bytes.AsMemory(read), cancellationToken);
                    if (count == 0)
                    {
                        return (null, Incomplete());
                    }

                    read += count;
                }

                return (bytes, null);
            }

            using var buffer = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int count;
                while ((count = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    if (buffer.Length + count > limit)
                    {
                        return (null, TooLarge(limit));
                    }

                    buffer.Write(chunk, 0, count);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.Length < declared ? (null, Incomplete()) : (buffer.ToArray(), null);
        }
        catch (BadHttpRequestException exception)
        {
            // The server's own verdict on the body (Kestrel, TestServer): too large, cut off, badly chunked, too slow.
            return (null, exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(limit)
                : DjoserResults.Detail(exception.StatusCode is >= 400 and < 500 ? exception.StatusCode : StatusCodes.Status400BadRequest, exception.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away: nobody reads this answer, but the request ends as a client error, not an exception.
            return (null, Incomplete());
        }
        catch (IOException)
        {
            return (null, Incomplete());
        }
    }

    private static IResult TooLarge(long limit) =>
        DjoserResults.Detail(StatusCodes.Status413PayloadTooLarge,
            string.Format(CultureInfo.InvariantCulture, DjoserMessages.RequestBodyTooLargeFormat, limit));

    private static IResult Incomplete() => DjoserResults.Detail(StatusCodes.Status400BadRequest, DjoserMessages.RequestBodyIncomplete);

    private static async Task<(DjoserRequestBody? Body, IResult? Error)> ParseFormAsync(
        HttpRequest request, MediaTypeHeaderValue mediaType, byte[] bytes, Encoding? encoding, long limit, CancellationToken cancellationToken)
    {
        // The bytes are already bounded and in memory, so the field limits only have to catch what the size limit
        // does not. Undecodable bytes become U+FFFD, as Django's multipart parser does (errors='replace'); urlencoded
        // bodies follow QueryDict's own rules (DjoserUrlEncodedForm).
        var multipart = mediaType.MediaType.Equals(MultipartMediaType, StringComparison.OrdinalIgnoreCase);
        try
        {
            IFormCollection form;
            if (multipart)
            {
                // The framework's multipart reader, on a private request so the real one is never re-read.
                var scratch = new DefaultHttpContext();
                scratch.Request.ContentType = request.ContentType;
                scratch.Request.ContentLength = bytes.Length;
                scratch.Request.Body = new MemoryStream(bytes, writable: false);
                var options = new FormOptions
                {
                    BufferBody = false,
                    ValueCountLimit = MaxFormFields,
                    ValueLengthLimit = (int)limit,
                    MultipartBodyLengthLimit = limit,
                    MemoryBufferThreshold = (int)limit,
                };
                form = await new FormFeature(scratch.Request, options).ReadFormAsync(cancellationToken);
            }
            else if (!DjoserUrlEncodedForm.TryParse(bytes, encoding, MaxFormFields, out var urlEncoded))
            {
                return (null, DjoserResults.Detail(StatusCodes.Status400BadRequest, string.Format(
                    CultureInfo.InvariantCulture, DjoserMessages.UrlEncodedFormParseErrorFormat, string.Format(CultureInfo.InvariantCulture, DjoserMessages.FormFieldCountExceededFormat, MaxFormFields))));
            }
            else
            {
                // Django's QueryDict, in the charset resolved above (code pages included); ASP.NET's reader refuses a NUL.
                form = urlEncoded;
            }

            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(form));
            return (DjoserRequestBody.FromForm(form), null);
        }
        catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException or IOException)
        {
            // A broken multipart boundary or too many fields is the client's error, not a 500 (DRF: ParseError).
            var format = multipart ? DjoserMessages.FormParseErrorFormat : DjoserMessages.UrlEncodedFormParseErrorFormat;
            return (null, DjoserResults.Detail(StatusCodes.Status400BadRequest, string.Format(CultureInfo.InvariantCulture, format, exception.Message)));
        }
    }

    private static (DjoserRequestBody? Body, IResult? Error) ParseJson(HttpRequest request, byte[] bytes, Encoding? encoding, MediaTypeHeaderValue mediaType)
    {
        // Python decodes the whole body before json sees it, so undecodable bytes anywhere are a parse error naming
        // the byte; afterwards every string of the document is valid text and nothing later can throw on it.
        var (utf8, decodeError) = encoding is null ? CheckUtf8(bytes) : Transcode(bytes, encoding, mediaType);
        if (decodeError is not null)
        {
            return (null, ParseError(decodeError));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException exception)
        {
            return (null, ParseError(ParserMessage(exception, utf8)));
        }

        if (FindLoneSurrogateEscape(utf8, out var offset, out var unit))
        {
            document.Dispose();
            var message = string.Format(CultureInfo.InvariantCulture, DjoserMessages.LoneSurrogateEscapeFormat, unit.ToString("x4", CultureInfo.InvariantCulture));
            return (null, ParseError(WithPosition(message, utf8, offset)));
        }

        request.HttpContext.Response.RegisterForDispose(document);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Object => (DjoserRequestBody.FromJson(root), null),
            JsonValueKind.Null => (null, DjoserResults.NonFieldError(DjoserMessages.NoDataProvided)),
            _ => (null, DjoserResults.NonFieldError(
                string.Format(CultureInfo.InvariantCulture, DjoserMessages.NotADictionaryFormat, PythonTypeName(root)))),
        };
    }

    private static IResult ParseError(string message) =>
        DjoserResults.Detail(StatusCodes.Status400BadRequest, string.Format(CultureInfo.InvariantCulture, DjoserMessages.JsonParseErrorFormat, message));

    /// <summary>UTF-8 as is, or Python's <c>UnicodeDecodeError</c> text for the first ill-formed sequence.</summary>
    private static (byte[] Utf8, string? Error) CheckUtf8(byte[] bytes)
    {
        // One vectorised pass; the slow walk below runs only for a body that is already an error.
        if (Utf8.IsValid(bytes))
        {
            return (bytes, null);
        }

        ReadOnlySpan<byte> span = bytes;
        var position = Math.Max(span.IndexOfAnyExceptInRange((byte)0, (byte)0x7F), 0);
        while (position < span.Length)
        {
            var status = Rune.DecodeFromUtf8(span[position..], out _, out var consumed);
            if (status == OperationStatus.Done)
            {
                position += consumed;
                continue;
            }

            var first = span[position];
            var reason = status == OperationStatus.NeedMoreData ? DjoserMessages.DecodeUnexpectedEnd
                : first is >= 0x80 and <= 0xC1 or >= 0xF5 ? DjoserMessages.DecodeInvalidStartByte
                : DjoserMessages.DecodeInvalidContinuationByte;
            return (bytes, DecodeError(Utf8CodecName, span.Slice(position, consumed), position, reason));
        }

        return (bytes, DecodeError(Utf8CodecName, span[^1..], span.Length - 1, DjoserMessages.DecodeInvalidData));
    }

    /// <summary>Decodes the declared charset strictly (Python's <c>errors='strict'</c>) and re-encodes as UTF-8 for the parser.</summary>
    private static (byte[] Utf8, string? Error) Transcode(byte[] bytes, Encoding encoding, MediaTypeHeaderValue mediaType)
    {
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try
        {
            return (Encoding.UTF8.GetBytes(strict.GetString(bytes)), null);
        }
        catch (DecoderFallbackException exception)
        {
            var unknown = exception.BytesUnknown is { Length: > 0 } seen ? seen : [0];
            var codec = mediaType.Charset.ToString().Trim('"').ToLowerInvariant();
            return (bytes, DecodeError(codec, unknown, Math.Max(exception.Index, 0), DjoserMessages.DecodeInvalidData));
        }
    }

    private static string DecodeError(string codec, ReadOnlySpan<byte> sequence, int position, string reason) =>
        sequence.Length == 1
            ? string.Format(CultureInfo.InvariantCulture, DjoserMessages.DecodeByteErrorFormat, codec, sequence[0], position, reason)
            : string.Format(CultureInfo.InvariantCulture, DjoserMessages.DecodeBytesErrorFormat, codec, position, position + sequence.Length - 1, reason);

    /// <summary>
    /// Finds a <c>\uD800</c>-style escape without its pair, in a value or a property name. Python's json keeps such a
    /// string, but .NET strings cannot become UTF-8 with one inside, so it is refused here rather than failing later.
    /// </summary>
    private static bool FindLoneSurrogateEscape(ReadOnlySpan<byte> utf8, out int offset, out int unit)
    {
        offset = 0;
        unit = 0;
        // Well-formed UTF-8 cannot carry a surrogate; only an escape can, and most bodies have none.
        if (utf8.IndexOf("\\u"u8) < 0)
        {
            return false;
        }

        // The document parsed with these same (default) options, so this reader cannot fail.
        var reader = new Utf8JsonReader(utf8);
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
            {
                continue;
            }

            var index = LoneSurrogateIndex(reader.ValueSpan, out unit);
            if (index >= 0)
            {
                // TokenStartIndex is the opening quote.
                offset = (int)reader.TokenStartIndex + 1 + index;
                return true;
            }
        }

        return false;
    }

    private static int LoneSurrogateIndex(ReadOnlySpan<byte> escaped, out int unit)
    {
        unit = 0;
        for (var i = 0; i < escaped.Length - 1; i++)
        {
            if (escaped[i] != '\\')
            {
                continue;
            }

            var start = i;
            i++;
            if (escaped[i] != 'u')
            {
                continue;
            }

            // The parser has checked the escape: four hex digits follow.
            unit = Hex4(escaped.Slice(i + 1, 4));
            i += 4;
            if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                return start;
            }

            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 6 < escaped.Length && escaped[i + 1] == '\\' && escaped[i + 2] == 'u'
                    && Hex4(escaped.Slice(i + 3, 4)) is >= 0xDC00 and <= 0xDFFF)
                {
                    i += 6;
                    continue;
                }

                return start;
            }
        }

        return -1;
    }

    private static int Hex4(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value << 4) | (digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10);
        }

        return value;
    }

    private static string ParserMessage(JsonException exception, ReadOnlySpan<byte> utf8)
    {
        // System.Text.Json ends its text with " LineNumber: 0 | BytePositionInLine: 5."; Python's json says
        // ": line 1 column 6 (char 5)" instead, counting characters, so the reader's position is restated that way.
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        message = (cut > 0 ? message[..cut] : message).TrimEnd().TrimEnd('.');
        if (exception.LineNumber is not { } line || exception.BytePositionInLine is not { } bytesInLine)
        {
            return message;
        }

        var lineStart = 0;
        for (var seen = 0L; seen < line; seen++)
        {
            var next = utf8[lineStart..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            lineStart += next + 1;
        }

        return WithPosition(message, utf8, (int)Math.Min(lineStart + bytesInLine, utf8.Length));
    }

    /// <summary>Appends Python's <c>": line L column C (char N)"</c> for a byte offset, counting characters as Python does.</summary>
    private static string WithPosition(string message, ReadOnlySpan<byte> utf8, int offset)
    {
        var before = utf8[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before[..lineStart].Count((byte)'\n') + 1;
        var characterInLine = CodePoints(before[lineStart..]);
        var character = CodePoints(before);
        return string.Create(CultureInfo.InvariantCulture, $"{message}: line {line} column {characterInLine + 1} (char {character})");
    }

    private static int CodePoints(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }

    // The error text names Python's types, as DRF's does; json makes a float of any number with a fraction or exponent.
    private static string PythonTypeName(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => PythonText.IsInt(element) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "NoneType",
    };
}
