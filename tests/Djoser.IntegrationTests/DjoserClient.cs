using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Djoser.IntegrationTests;

/// <summary>An HTTP client speaking to the sample the way a djoser front end does.</summary>
public sealed class DjoserClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public Task<DjoserResponse> PostJsonAsync(string path, object? body, string? token = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent(body), token);

    public Task<DjoserResponse> PostFormAsync(string path, IDictionary<string, string> fields, string? token = null) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields), token);

    public Task<DjoserResponse> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, null, token);

    public Task<DjoserResponse> SendJsonAsync(HttpMethod method, string path, object? body, string? token = null) =>
        SendAsync(method, path, body is null ? null : JsonContent(body), token);

    public Task<DjoserResponse> SendRawAsync(HttpMethod method, string path, string body, string contentType, string? authorization = null)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendAsync(method, path, content, null, authorization);
    }

    /// <summary>Whether a 503 is an answer under test (database faults) rather than a failure.</summary>
    public bool AllowsServiceUnavailable { get; init; }

    public async Task<DjoserResponse> SendAsync(HttpMethod method, string path, HttpContent? content, string? token, string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Token " + token);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await Http.SendAsync(request);
        // Bad input must never be a server error (DEVELOPERS.md): every request of every test checks it.
        Assert.True((int)response.StatusCode < 500 || (AllowsServiceUnavailable && response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable), $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return new DjoserResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers, response.Content.Headers);
    }

    private static StringContent JsonContent(object body) =>
        new(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}

/// <summary>A response with helpers to compare its JSON exactly.</summary>
public sealed record DjoserResponse(HttpStatusCode Status, string Body, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>Asserts the status and that the body is exactly <paramref name="expectedJson"/> (key order included).</summary>
    public DjoserResponse Is(HttpStatusCode status, string expectedJson)
    {
        Assert.True(status == Status, $"Expected {(int)status} but got {(int)Status}: {Body}");
        Assert.Equal(Normalize(expectedJson), Normalize(Body));
        return this;
    }

    /// <summary>Asserts the status and an empty body.</summary>
    public DjoserResponse IsEmpty(HttpStatusCode status)
    {
        Assert.True(status == Status, $"Expected {(int)status} but got {(int)Status}: {Body}");
        Assert.Equal(string.Empty, Body);
        return this;
    }

    private static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString();
}
