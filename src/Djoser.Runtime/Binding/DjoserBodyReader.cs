using System.Globalization;
using System.Text;
using System.Text.Json;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Djoser.Binding;

/// <summary>
/// Parses a request body the way DRF's JSON, form and multipart parsers do (spec §1.8): no body is an empty object,
/// malformed JSON is 400 <c>{"detail": "JSON parse error - …"}</c>, a non-object is 400 under <c>non_field_errors</c>,
/// any other media type is 415.
/// </summary>
public static class DjoserBodyReader
{
    /// <summary>The body's fields, or the error response to send instead.</summary>
    public static async Task<(DjoserRequestBody? Body, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HasBody(request))
        {
            return (DjoserRequestBody.Empty, null);
        }

        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(cancellationToken);
                return (DjoserRequestBody.FromForm(form), null);
            }
            catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException or IOException)
            {
                // A broken multipart boundary or an over-long form is the client's error, not a 500 (DRF: ParseError).
                return (null, DjoserResults.Detail(StatusCodes.Status400BadRequest,
                    string.Format(CultureInfo.InvariantCulture, DjoserMessages.FormParseErrorFormat, exception.Message)));
            }
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            // DRF names the header as sent, parameters included, and "" when there is none.
            return (null, DjoserResults.Detail(StatusCodes.Status415UnsupportedMediaType,
                string.Format(CultureInfo.InvariantCulture, DjoserMessages.UnsupportedMediaTypeFormat, request.ContentType ?? string.Empty)));
        }

        var utf8 = await ReadUtf8Async(request, mediaType, cancellationToken);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException exception)
        {
            return (null, DjoserResults.Detail(StatusCodes.Status400BadRequest,
                string.Format(CultureInfo.InvariantCulture, DjoserMessages.JsonParseErrorFormat, ParserMessage(exception, utf8.Span))));
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

    private static async Task<ReadOnlyMemory<byte>> ReadUtf8Async(HttpRequest request, MediaTypeHeaderValue mediaType, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();

        // DRF decodes with the declared charset; System.Text.Json reads UTF-8 only.
        var charset = mediaType.Charset.ToString().Trim('"');
        if (charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return bytes;
        }

        try
        {
            return Encoding.UTF8.GetBytes(Encoding.GetEncoding(charset).GetString(bytes));
        }
        catch (ArgumentException)
        {
            return bytes;
        }
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

        var position = (int)Math.Min(lineStart + bytesInLine, utf8.Length);
        var characterInLine = CodePoints(utf8[lineStart..position]);
        var character = CodePoints(utf8[..lineStart]) + characterInLine;
        return string.Create(CultureInfo.InvariantCulture, $"{message}: line {line + 1} column {characterInLine + 1} (char {character})");
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
