using System.Text;
using System.Text.Json;
using Djoser.Binding;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Djoser.Runtime.Tests.Binding;

/// <summary>Builds request bodies and runs results the way the endpoints do.</summary>
internal static class BindingTestSupport
{
    public static DjoserRequestBody Json(string json) => DjoserRequestBody.FromJson(JsonDocument.Parse(json).RootElement);

    public static DjoserRequestBody Form(params (string Key, string Value)[] fields) =>
        DjoserRequestBody.FromForm(new FormCollection(fields
            .GroupBy(field => field.Key)
            .ToDictionary(group => group.Key, group => new StringValues(group.Select(field => field.Value).ToArray()))));

    public static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement;

    public static string Write<T>(IDjoserValueConverter<T> converter, T value)
        where T : struct
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            converter.Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static HttpContext Request(string? contentType, string? body, long? contentLength = -1)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = contentLength == -1 ? bytes.Length : contentLength;
        context.Response.Body = new MemoryStream();
        return context;
    }

    public static async Task<(int Status, string Body, HttpResponse Response)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), context.Response);
    }
}
