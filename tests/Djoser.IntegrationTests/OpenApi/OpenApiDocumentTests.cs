using System.Net;
using System.Runtime.CompilerServices;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Djoser.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests.OpenApi;

/// <summary>
/// The sample's <c>/openapi/v1.json</c> per layout: compared with OpenApi/{layout}.verified.json, and checked for what a
/// client relies on (every endpoint, DRF's error shapes, security, wire names).
/// </summary>
public sealed class OpenApiDocumentTests(DjoserApp v1, UsernameSampleApp v05, V2DjoserApp v2)
    : IClassFixture<DjoserApp>, IClassFixture<UsernameSampleApp>, IClassFixture<V2DjoserApp>
{
    public static TheoryData<string> Layouts => ["V05", "V1", "V2"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Document_MatchesSnapshot(string layout)
    {
        var json = await FetchAsync(layout);
        SnapshotFile.Verify(Directory(), layout, "json", json.ReplaceLineEndings("\n"), $"The {layout} OpenAPI document");
    }

    [Fact]
    public async Task Document_IsTheSameOnEveryRequest()
    {
        Assert.Equal(await FetchAsync("V2"), await FetchAsync("V2"));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Document_DescribesEveryDjoserEndpoint(string layout)
    {
        var paths = (await DocumentAsync(layout))["paths"]!.AsObject();
        var services = ServicesOf(layout);
        var described = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<DjoserEndpointMetadata>() is not null && e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .ToList();
        Assert.NotEmpty(described);
        foreach (var endpoint in described)
        {
            var path = endpoint.RoutePattern.RawText!;
            var operations = Assert.IsType<JsonObject>(paths[path], exactMatch: false);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Where(m => m != "HEAD"))
            {
                var operation = operations[method.ToLowerInvariant()];
                Assert.True(operation is not null, $"{method} {path} is not in the {layout} document");
                Assert.Equal("Djoser", operation!["tags"]![0]!.GetValue<string>());
            }
        }

        // Nothing else: the other-methods endpoints (405) and HEAD stay out.
        var operationCount = paths.Sum(p => p.Value!.AsObject().Count(o => o.Key != "description"));
        Assert.Equal(described.Sum(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Count(m => m != "HEAD")), operationCount);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task EveryBody_IsJsonOrForm_AndItsErrorsAreFieldErrors(string layout)
    {
        var document = await DocumentAsync(layout);
        var withBody = Operations(document).Where(o => o.Operation["requestBody"] is not null).ToList();
        Assert.NotEmpty(withBody);
        foreach (var (name, operation) in withBody)
        {
            var content = operation["requestBody"]!["content"]!.AsObject();
            Assert.Equal(["application/json", "application/x-www-form-urlencoded", "multipart/form-data"], content.Select(c => c.Key));
            var shapes = operation["responses"]!["400"]?["content"]?["application/json"]?["schema"]?["oneOf"]?.AsArray();
            Assert.True(shapes is not null, $"{name} has no 400");
            Assert.Equal(
                ["#/components/schemas/DjoserFieldErrors", "#/components/schemas/DjoserMessageList", "#/components/schemas/DjoserDetail"],
                shapes!.Select(s => s!["$ref"]!.GetValue<string>()));
        }

        var fieldErrors = document["components"]!["schemas"]!["DjoserFieldErrors"]!;
        Assert.Equal("object", fieldErrors["type"]!.GetValue<string>());
        Assert.Equal("array", fieldErrors["additionalProperties"]!["type"]!.GetValue<string>());
        Assert.Equal("string", fieldErrors["additionalProperties"]!["items"]!["type"]!.GetValue<string>());
        Assert.Equal(["detail"], document["components"]!["schemas"]!["DjoserDetail"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Theory]
    [InlineData("V05", "/auth/me/", new[] { "Basic", "Token" })]
    [InlineData("V1", "/auth/me/", new[] { "Token" })]
    [InlineData("V2", "/auth/users/me/", new[] { "Token" })]
    public async Task ProtectedOperations_ListTheConfiguredSchemes_AnonymousOnesNone(string layout, string mePath, string[] schemes)
    {
        var document = await DocumentAsync(layout);
        Assert.Equal(schemes, document["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key));
        var me = document["paths"]![mePath]!["get"]!;
        Assert.Equal(schemes, me["security"]!.AsArray().Select(r => Assert.Single(r!.AsObject()).Key));
        Assert.NotNull(me["responses"]!["401"]);

        var register = Operations(document).Single(o => o.Operation["responses"]!["201"] is not null).Operation;
        Assert.Null(register["security"]);

        var token = document["components"]!["securitySchemes"]!["Token"]!;
        Assert.Equal("apiKey", token["type"]!.GetValue<string>());
        Assert.Equal("header", token["in"]!.GetValue<string>());
        Assert.Equal("Authorization", token["name"]!.GetValue<string>());
        if (schemes.Contains("Basic"))
        {
            Assert.Equal("http", document["components"]!["securitySchemes"]!["Basic"]!["type"]!.GetValue<string>());
            Assert.Equal("basic", document["components"]!["securitySchemes"]!["Basic"]!["scheme"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task UserById_Lists404_AndOtherMethodsSay405()
    {
        var path = (await DocumentAsync("V2"))["paths"]!["/auth/users/{id}/"]!;
        var id = Assert.Single(path["get"]!["parameters"]!.AsArray())!;
        Assert.Equal(("id", "path", true), (id["name"]!.GetValue<string>(), id["in"]!.GetValue<string>(), id["required"]!.GetValue<bool>()));
        Assert.NotNull(path["get"]!["responses"]!["404"]);
        Assert.NotNull(path["delete"]!["responses"]!["403"]);
        Assert.Contains("405", path["description"]!.GetValue<string>());
        Assert.Contains("Allow: GET, PUT, PATCH, DELETE, OPTIONS", path["description"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("V1", "AppUser", new[] { "first_name", "last_name", "id", "email" }, new[] { "first_name", "last_name" })]
    [InlineData("V05", "AppUser", new[] { "email", "id", "username" }, new string[0])]
    public async Task UserSchemas_UseWireNames(string layout, string model, string[] fields, string[] required)
    {
        var schemas = (await DocumentAsync(layout))["components"]!["schemas"]!;
        Assert.Equal(fields, schemas[model + "Response"]!["properties"]!.AsObject().Select(p => p.Key));

        // PUT requires the non-nullable fields, PATCH none; an optional field is described as its plain type.
        var update = schemas[model + "UpdateRequest"]!;
        Assert.Equal(required, update["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []);
        var patched = schemas["Patched" + model + "UpdateRequest"];
        if (layout == "V05")
        {
            Assert.Null(patched); // djoser 0.5 has no PATCH
        }
        else
        {
            Assert.Equal(update["properties"]!.ToJsonString(), patched!["properties"]!.ToJsonString());
            Assert.Null(patched["required"]);
        }

        Assert.All(update["properties"]!.AsObject(), p => Assert.Null(p.Value!["properties"]));
    }

    [Fact]
    public async Task LoginAndUsernameReset_NameTheModelsUsernameField()
    {
        var schemas = (await DocumentAsync("V2"))["components"]!["schemas"]!;
        Assert.Equal(["email", "password"], schemas["DjoserLoginRequest"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["uid", "token", "new_email", "re_new_email"], schemas["DjoserUsernameResetConfirmRequest"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task DescribedBodies_DoNotMakeRoutingAnswer415ItSelf()
    {
        // Accepts metadata would have routing answer a foreign content type with an empty 415; DRF's body must stay.
        using var client = v2.CreateClient();
        using var body = new StringContent("username=ann");
        body.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        var response = await client.PostAsync("/auth/users/", body);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("""{"detail":"Unsupported media type \"text/plain\" in request."}""", await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<(string Name, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key != "description")
            .Select(o => ($"{o.Key.ToUpperInvariant()} {p.Key}", o.Value!)));

    private async Task<JsonNode> DocumentAsync(string layout) => JsonNode.Parse(await FetchAsync(layout))!;

    private async Task<string> FetchAsync(string layout)
    {
        using var client = App(layout) switch
        {
            UsernameSampleApp app => app.CreateClient(),
            DjoserApp app => app.CreateClient(),
            _ => throw new ArgumentOutOfRangeException(nameof(layout)),
        };
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private object App(string layout) => layout switch
    {
        "V05" => v05,
        "V1" => v1,
        "V2" => v2,
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, null),
    };

    private IServiceProvider ServicesOf(string layout) => App(layout) switch
    {
        UsernameSampleApp app => app.Services,
        DjoserApp app => app.Services,
        _ => throw new ArgumentOutOfRangeException(nameof(layout)),
    };

    private static string Directory([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;
}
