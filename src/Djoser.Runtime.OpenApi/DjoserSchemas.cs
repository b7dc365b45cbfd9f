using Microsoft.OpenApi;

namespace Djoser.Endpoints.OpenApi;

/// <summary>DRF's error bodies (spec §1.1–§1.3) as document components, added on first use and referenced.</summary>
internal static class DjoserSchemas
{
    /// <summary><c>{"field": ["message", …]}</c>, whole-body errors under <c>non_field_errors</c>.</summary>
    public static IOpenApiSchema FieldErrors(OpenApiDocument document) => Component(document, "DjoserFieldErrors", () => new OpenApiSchema
    {
        Type = JsonSchemaType.Object,
        Description = "Field name → its messages; errors of the body as a whole are under \"non_field_errors\".",
        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
    });

    /// <summary>A bare list of messages, for failures after validation (e.g. <c>["Unable to create account."]</c>).</summary>
    public static IOpenApiSchema MessageList(OpenApiDocument document) => Component(document, "DjoserMessageList", () => new OpenApiSchema
    {
        Type = JsonSchemaType.Array,
        Description = "Messages of a failure after validation.",
        Items = new OpenApiSchema { Type = JsonSchemaType.String },
    });

    /// <summary><c>{"detail": "…"}</c>.</summary>
    public static IOpenApiSchema Detail(OpenApiDocument document) => Component(document, "DjoserDetail", () => new OpenApiSchema
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) { ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String } },
        Required = new HashSet<string>(StringComparer.Ordinal) { "detail" },
    });

    private static OpenApiSchemaReference Component(OpenApiDocument document, string id, Func<OpenApiSchema> create)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas.TryAdd(id, create());
        return new OpenApiSchemaReference(id, document);
    }
}
