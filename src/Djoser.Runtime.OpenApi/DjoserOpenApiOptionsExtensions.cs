using Djoser.Endpoints.OpenApi;
using Microsoft.AspNetCore.OpenApi;

namespace Djoser;

/// <summary>Describes djoser's endpoints in an OpenAPI document of <c>Microsoft.AspNetCore.OpenApi</c>.</summary>
public static class DjoserOpenApiOptionsExtensions
{
    /// <summary>
    /// Adds djoser's transformers to the document: request bodies (JSON, form and multipart) and responses with DRF's
    /// shapes, the security schemes of <c>Djoser:AuthenticationSchemes</c> on the operations that need them, and the
    /// optional fields of PUT/PATCH as their plain types. Use it as <c>services.AddOpenApi(o =&gt; o.AddDjoser())</c>.
    /// </summary>
    /// <param name="options">The document's options.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static OpenApiOptions AddDjoser(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddSchemaTransformer<DjoserOptionalSchemaTransformer>();
        options.AddOperationTransformer<DjoserOperationTransformer>();
        options.AddDocumentTransformer<DjoserDocumentTransformer>();
        return options;
    }
}
