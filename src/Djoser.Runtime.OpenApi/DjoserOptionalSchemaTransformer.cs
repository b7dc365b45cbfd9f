using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Djoser.Binding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Djoser.Endpoints.OpenApi;

/// <summary>
/// Describes a <see cref="DjoserOptional{T}"/> property (the generated update request's fields) as <c>T</c>: on the
/// wire the field is simply present or absent; <c>HasValue</c>/<c>Value</c> are the binder's view of it. The object
/// holding such properties requires the non-nullable ones, as PUT does (DRF's <c>required=True</c>); PATCH's body is
/// described without them (see <see cref="DjoserOperationTransformer"/>).
/// </summary>
internal sealed class DjoserOptionalSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (OptionalValueType(context.JsonTypeInfo.Type) is { } valueType)
        {
            await DescribeAsValueAsync(schema, valueType, context, cancellationToken);
            return;
        }

        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var nullability = new NullabilityInfoContext();
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (OptionalValueType(property.PropertyType) is not null
                && property.AttributeProvider is PropertyInfo info
                && nullability.Create(info).GenericTypeArguments is [{ ReadState: not NullabilityState.Nullable }])
            {
                schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
                schema.Required.Add(property.Name);
            }
        }
    }

    private static Type? OptionalValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(DjoserOptional<>) ? type.GetGenericArguments()[0] : null;

    private static async Task DescribeAsValueAsync(OpenApiSchema schema, Type valueType, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var inner = await context.GetOrCreateSchemaAsync(valueType, null, cancellationToken);
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
