using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Djoser.Endpoints.OpenApi;

/// <summary>
/// Writes a djoser operation from its <see cref="DjoserOperationMetadata"/>: the body in the three content types DRF
/// parses (spec §1.8), the success response and every error response with DRF's shape (spec §1.1–§1.3), and the
/// security schemes when anonymous calls are refused.
/// </summary>
internal sealed class DjoserOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] RequestContentTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata.OfType<DjoserOperationMetadata>().FirstOrDefault();
        if (metadata is null || context.Document is not { } document)
        {
            return;
        }

        foreach (var name in RouteParameters(context.Description.RelativePath))
        {
            // The handler reads route values itself, so API Explorer saw no parameter; a value that is no valid key
            // is a 404, not a 400 (spec §1.3), hence a plain string.
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                // The per-device token URLs (beyond djoser) are the only ones naming something other than a user.
                Description = context.Description.RelativePath?.Contains("token/devices/", StringComparison.Ordinal) == true
                    ? "The token's id, as the device list gives it."
                    : "The user's primary key.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (metadata.Request is { } request)
        {
            var schema = await ReferenceAsync(request, metadata, context, cancellationToken, metadata.PartialRequest);
            // An empty PATCH body changes nothing and succeeds; elsewhere an empty body is read as {} and fails (spec §1.8).
            var body = new OpenApiRequestBody { Required = !metadata.PartialRequest, Content = new Dictionary<string, OpenApiMediaType>() };
            foreach (var contentType in RequestContentTypes)
            {
                body.Content[contentType] = new OpenApiMediaType { Schema = schema };
            }

            operation.RequestBody = body;
        }

        operation.Responses = new OpenApiResponses
        {
            [Status(metadata.SuccessStatus)] = await SuccessAsync(metadata, context, cancellationToken),
        };
        foreach (var status in metadata.ErrorStatuses)
        {
            operation.Responses[Status(status)] = Error(status, document);
        }

        if (metadata.RequiresAuthentication)
        {
            operation.Security = [.. DjoserDocumentTransformer.SchemeNames(context.ApplicationServices)
                .Select(name => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, document)] = [] })];
        }
    }

    private static async Task<OpenApiResponse> SuccessAsync(DjoserOperationMetadata metadata, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var response = new OpenApiResponse { Description = metadata.SuccessStatus switch
        {
            StatusCodes.Status201Created => "Created: the user object.",
            StatusCodes.Status204NoContent => "Done; no content.",
            _ => "OK.",
        } };
        if (metadata.Response is { } type)
        {
            IOpenApiSchema schema = await ReferenceAsync(type, metadata, context, cancellationToken);
            if (metadata.ResponseIsList)
            {
                schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema };
            }

            response.Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } };
        }

        return response;
    }

    private static OpenApiResponse Error(int status, OpenApiDocument document)
    {
        var (description, schema) = status switch
        {
            StatusCodes.Status400BadRequest => (
                "Invalid input: field name → messages (\"non_field_errors\" for the body as a whole), a bare list of messages, " +
                "or a \"detail\" when the body cannot be parsed.",
                (IOpenApiSchema)new OpenApiSchema
                {
                    OneOf = [DjoserSchemas.FieldErrors(document), DjoserSchemas.MessageList(document), DjoserSchemas.Detail(document)],
                }),
            StatusCodes.Status401Unauthorized => ("\"Authentication credentials were not provided.\", or the credentials sent are invalid.", DjoserSchemas.Detail(document)),
            StatusCodes.Status403Forbidden => ("\"You do not have permission to perform this action.\"", DjoserSchemas.Detail(document)),
            StatusCodes.Status404NotFound => ("\"Not found.\"", DjoserSchemas.Detail(document)),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No error response is defined for this status."),
        };
        return new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    /// <summary>
    /// The type's schema as a component named after the type, referenced; the login field placeholder resolved. A
    /// partial body is its own component, <c>Patched{Type}</c>, with nothing required.
    /// </summary>
    private static async Task<IOpenApiSchema> ReferenceAsync(
        Type type, DjoserOperationMetadata metadata, OpenApiOperationTransformerContext context, CancellationToken cancellationToken, bool partial = false)
    {
        var document = context.Document!;
        var id = partial ? "Patched" + type.Name : type.Name;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!document.Components.Schemas.ContainsKey(id))
        {
            var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            ResolveFieldNames(schema, metadata);
            if (partial)
            {
                schema = (OpenApiSchema)schema.CreateShallowCopy();
                schema.Required = null;
            }

            document.Components.Schemas[id] = schema;
        }

        return new OpenApiSchemaReference(id, document);
    }

    private static void ResolveFieldNames(OpenApiSchema schema, DjoserOperationMetadata metadata)
    {
        string Resolve(string name) => name
            .Replace(DjoserOpenApiNames.LoginField, metadata.LoginField, StringComparison.Ordinal)
            .Replace(DjoserOpenApiNames.UsernameField, metadata.UsernameField, StringComparison.Ordinal);

        if (schema.Properties is not { } properties || !properties.Keys.Any(k => Resolve(k) != k))
        {
            return;
        }

        schema.Properties = properties.ToDictionary(p => Resolve(p.Key), p => p.Value, StringComparer.Ordinal);
        if (schema.Required is { } required)
        {
            schema.Required = new HashSet<string>(required.Select(Resolve), StringComparer.Ordinal);
        }
    }

    private static IEnumerable<string> RouteParameters(string? relativePath) =>
        (relativePath ?? string.Empty).Split('/')
            .Where(segment => segment.StartsWith('{') && segment.EndsWith('}'))
            .Select(segment => segment[1..^1].Split(':', '=', '?')[0]);

    private static string Status(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
