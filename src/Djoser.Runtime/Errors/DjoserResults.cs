using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Djoser.Errors;

/// <summary>
/// The bodies djoser answers with, in DRF's shapes (spec §1): field errors <c>{"field": ["…"]}</c>,
/// <c>{"detail": "…"}</c>, a bare list <c>["…"]</c>, or no content. One place builds them all.
/// </summary>
public static class DjoserResults
{
    /// <summary>400 with the collected field errors.</summary>
    public static IResult ValidationFailed(DjoserValidationErrors errors) =>
        Json(StatusCodes.Status400BadRequest, errors.WriteTo);

    /// <summary>400 with one error under <paramref name="field"/>.</summary>
    public static IResult FieldError(string field, string message)
    {
        var errors = new DjoserValidationErrors();
        errors.Add(field, message);
        return ValidationFailed(errors);
    }

    /// <summary>400 with one whole-object error under <c>non_field_errors</c>.</summary>
    public static IResult NonFieldError(string message) => FieldError(DjoserValidationErrors.NonFieldErrorsKey, message);

    /// <summary><paramref name="statusCode"/> with <c>{"detail": message}</c>.</summary>
    public static IResult Detail(int statusCode, string message, string? wwwAuthenticate = null) =>
        new DjoserJsonResult<string>(statusCode, message, static (writer, message) =>
        {
            writer.WriteStartObject();
            writer.WriteString("detail", message);
            writer.WriteEndObject();
        }, wwwAuthenticate);

    /// <summary>400 with a top-level JSON array, as DRF renders a validation error raised outside validation (spec §1.2).</summary>
    public static IResult BareList(string message) =>
        Json(StatusCodes.Status400BadRequest, message, static (writer, message) =>
        {
            writer.WriteStartArray();
            writer.WriteStringValue(message);
            writer.WriteEndArray();
        });

    /// <summary>A JSON body written by <paramref name="write"/>.</summary>
    public static IResult Json(int statusCode, Action<Utf8JsonWriter> write) =>
        Json(statusCode, write, static (writer, write) => write(writer));

    /// <summary>
    /// A JSON body written by <paramref name="write"/> from <paramref name="state"/>: with a static lambda, no closure is
    /// allocated for the answer (issue 13: the current user's object is the authenticated hot path's answer).
    /// </summary>
    public static IResult Json<TState>(int statusCode, TState state, Action<Utf8JsonWriter, TState> write) =>
        new DjoserJsonResult<TState>(statusCode, state, write);

    /// <summary>204 with an empty body.</summary>
    public static IResult NoContent() => Results.NoContent();

    // DRF renders UTF-8 without escaping apostrophes or non-ASCII letters ("didn't", "é"); so do we.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed class DjoserJsonResult<TState>(int statusCode, TState state, Action<Utf8JsonWriter, TState> write, string? wwwAuthenticate = null)
        : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => statusCode;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "application/json";
            if (wwwAuthenticate is not null)
            {
                response.Headers.WWWAuthenticate = wwwAuthenticate;
            }

            if (HttpMethods.IsHead(httpContext.Request.Method))
            {
                // HEAD answers as GET does, headers only (DRF, spec §3 "HEAD works wherever GET does").
                return;
            }

            await using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
            {
                write(writer, state);
            }

            // No cancellation token: when the client is gone Kestrel completes the flush without sending, while a
            // cancelled flush would throw out of the application for a request that was answered as well as it can be.
            await response.BodyWriter.FlushAsync();
        }
    }
}
