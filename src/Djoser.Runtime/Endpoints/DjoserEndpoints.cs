using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Endpoints;

/// <summary>Maps djoser's endpoints.</summary>
public static class DjoserEndpoints
{
    /// <summary>
    /// Maps djoser's endpoints under <paramref name="prefix"/> (e.g. <c>/auth</c>) for the user model registered with
    /// <c>AddDjoser</c>, in the URL layout of <c>Djoser:UrlLayout</c>.
    /// </summary>
    /// <returns>The route group, to add conventions (CORS, rate limiting, OpenAPI) to every djoser endpoint.</returns>
    public static RouteGroupBuilder MapDjoser(this IEndpointRouteBuilder endpoints, string prefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var mapper = endpoints.ServiceProvider.GetService<DjoserEndpointMapper>()
            ?? throw new InvalidOperationException("MapDjoser needs services.AddDjoser<TUser, TContext>() to have been called first.");
        var normalized = prefix.TrimEnd('/');
        var group = endpoints.MapGroup(normalized);
        group.WithTags("Djoser");
        mapper.Map(group, normalized);
        return group;
    }
}
