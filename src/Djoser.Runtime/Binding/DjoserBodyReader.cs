using System.Globalization;
using System.Text.Json;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
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
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey(HeaderNames.TransferEncoding)))
        {
            return (DjoserRequestBody.Empty, null);
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return (DjoserRequestBody.FromForm(form), null);
        }

        if (!IsJson(request.ContentType))
        {
            var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.ToString() : request.ContentType ?? "";
            return (null, DjoserResults.Detail(StatusCodes.Status415UnsupportedMediaType,
                string.Format(CultureInfo.InvariantCulture, DjoserMessages.UnsupportedMediaTypeFormat, mediaType)));
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException exception)
        {
            return (null, DjoserResults.Detail(StatusCodes.Status400BadRequest,
                string.Format(CultureInfo.InvariantCulture, DjoserMessages.JsonParseErrorFormat, ParserMessage(exception))));
        }

        request.HttpContext.Response.RegisterForDispose(document);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, DjoserResults.NonFieldError(
                string.Format(CultureInfo.InvariantCulture, DjoserMessages.NotADictionaryFormat, PythonTypeName(root))));
        }

        return (DjoserRequestBody.FromJson(root), null);
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            // DRF's parser negotiation picks the first parser (JSON) when no type is declared.
            return string.IsNullOrEmpty(contentType);
        }

        return parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    private static string ParserMessage(JsonException exception)
    {
        // System.Text.Json appends its own position details after " Path: "; keep the first sentence and DRF's form of the position.
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return exception.LineNumber is { } line && exception.BytePositionInLine is { } column
            ? $"{message.TrimEnd('.')}: line {line + 1} column {column + 1}"
            : message;
    }

    // The error text names Python's types, as DRF's does.
    private static string PythonTypeName(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => element.TryGetInt64(out _) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "NoneType",
    };
}
