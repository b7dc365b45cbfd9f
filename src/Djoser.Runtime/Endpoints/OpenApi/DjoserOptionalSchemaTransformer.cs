using Djoser.Binding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Djoser.Endpoints.OpenApi;

/// <summary>
/// Describes a <see cref="DjoserOptional{T}"/> property (the generated update request's fields) as <c>T</c>: on the
/// wire the field is simply present or absent; <c>HasValue</c>/<c>Value</c> are the binder's view of it.
/// </summary>
internal sealed class DjoserOptionalSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(DjoserOptional<>))
        {
            return;
        }

        var inner = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellationToken);
        schema.Type = inner.Type;
        schema.Format = inner.Format;
        schema.Pattern = inner.Pattern;
        schema.MaxLength = inner.MaxLength;
        schema.MinLength = inner.MinLength;
        schema.Enum = inner.Enum;
        schema.Items = inner.Items;
        schema.Properties = inner.Properties;
        schema.Required = inner.Required;
        schema.AdditionalProperties = inner.AdditionalProperties;

        // The struct's own summary ("a value that a body either supplied…") says nothing about the field.
        schema.Description = inner.Description;
    }
}
