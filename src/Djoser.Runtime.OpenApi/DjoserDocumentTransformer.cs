using Djoser.Authentication;
using Djoser.Configuration;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Djoser.Endpoints.OpenApi;

/// <summary>
/// Adds the security schemes of <c>Djoser:AuthenticationSchemes</c>, and says on each djoser path what its other
/// methods answer: the 405 belongs to no described operation, since those methods have none (spec §1.5).
/// </summary>
internal sealed class DjoserDocumentTransformer : IOpenApiDocumentTransformer
{
    /// <summary>How one of <c>Djoser:AuthenticationSchemes</c> is sent.</summary>
    private static OpenApiSecurityScheme SecurityScheme(string name, IServiceProvider services)
    {
        if (string.Equals(name, DjoserAuthenticationSchemes.Basic, StringComparison.OrdinalIgnoreCase))
        {
            return new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "basic", Description = "HTTP Basic: the username field and the password." };
        }

        var description = string.Equals(name, DjoserAuthenticationSchemes.Jwt, StringComparison.OrdinalIgnoreCase)
            ? "simplejwt: send " + string.Join(" or ", services.GetRequiredService<IOptions<DjoserOptions>>().Value.Jwt.EffectiveAuthHeaderTypes.Select(type => $"\"{type} <access token>\"")) + "."
            : "DRF's token authentication: send \"Token <key>\", the key from the login endpoint.";
        return new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "Authorization", Description = description };
    }

    /// <summary>The configured scheme names, in order: the keys of the document's security schemes.</summary>
    public static IEnumerable<string> SchemeNames(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DjoserOptions>>().Value.EffectiveAuthenticationSchemes
            .Select(name => DjoserAuthenticationSchemes.Known[name].Name);

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var djoser = context.DescriptionGroups.SelectMany(g => g.Items)
            .Select(d => (d.RelativePath, Metadata: d.ActionDescriptor.EndpointMetadata.OfType<DjoserOperationMetadata>().FirstOrDefault()))
            .Where(d => d.Metadata is not null && d.RelativePath is not null)
            .ToList();
        if (djoser.Count == 0)
        {
            return Task.CompletedTask;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        foreach (var name in SchemeNames(context.ApplicationServices))
        {
            document.Components.SecuritySchemes[name] = SecurityScheme(name, context.ApplicationServices);
        }

        // The document drops a path's trailing slash, which djoser requires (a 301 or 404 without it): put it back.
        var paths = new Dictionary<string, (string Path, DjoserOperationMetadata Metadata)>(StringComparer.Ordinal);
        foreach (var (relativePath, metadata) in djoser)
        {
            var path = "/" + relativePath!.TrimStart('/');
            paths.TryAdd(path.TrimEnd('/'), (path, metadata!));
        }

        var described = new OpenApiPaths();
        foreach (var (key, item) in document.Paths ?? [])
        {
            if (!paths.TryGetValue(key, out var djoserPath) || item is not OpenApiPathItem pathItem)
            {
                described[key] = item;
                continue;
            }

            // HEAD is GET without a body; listing it would repeat GET's operation id.
            pathItem.Operations?.Remove(HttpMethod.Head);
            pathItem.Description = $"Other methods answer 405 {{\"detail\": \"Method \\\"…\\\" not allowed.\"}} (Allow: {djoserPath.Metadata.OtherMethods}).";
            described[djoserPath.Path] = pathItem;
        }

        document.Paths = described;
        return Task.CompletedTask;
    }
}
