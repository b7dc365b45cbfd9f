using System.ComponentModel;
using System.Globalization;
using Djoser.Configuration;
using Djoser.Errors;
using Djoser.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints;

/// <summary>Maps djoser's endpoints.</summary>
public static class DjoserEndpoints
{
    private static readonly string[] AllMethods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options];

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
        var group = endpoints.MapGroup(prefix.TrimEnd('/'));
        group.WithTags("Djoser");
        group.AddEndpointFilter(AppendSlash);
        mapper.Map(group);
        return group;
    }

    /// <summary>Maps the endpoints with the generated request and response types of <typeparamref name="TUser"/>. Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Map<TUser, TRegister, TUpdate, TSetUsername, TResponse>(IEndpointRouteBuilder endpoints)
        where TUser : class
        where TRegister : class, IDjoserRegisterRequest<TRegister, TUser>
        where TUpdate : class, IDjoserUpdateRequest<TUpdate, TUser>
        where TSetUsername : class, IDjoserSetUsernameRequest<TSetUsername>
        where TResponse : class, IDjoserUserResponse<TResponse, TUser>
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<DjoserOptions>>().Value;
        var model = endpoints.ServiceProvider.GetRequiredService<IDjoserUserModel<TUser>>();
        var routes = options.UrlLayout switch
        {
            DjoserUrlLayout.V1 => DjoserRouteTable.V1<TUser, TRegister, TUpdate, TSetUsername, TResponse>(model.UsernameField.JsonName),
            _ => throw new InvalidOperationException($"Djoser:UrlLayout '{options.UrlLayout}' is not supported."),
        };

        foreach (var route in routes)
        {
            MapRoute<TUser>(endpoints, route, routes);
        }
    }

    private static void MapRoute<TUser>(IEndpointRouteBuilder endpoints, DjoserRoute<TUser> route, IReadOnlyList<DjoserRoute<TUser>> routes)
        where TUser : class
    {
        foreach (var (method, handler) in route.Handlers)
        {
            var methods = method == HttpMethods.Get ? new[] { HttpMethods.Get, HttpMethods.Head } : [method];
            endpoints.MapMethods(route.Path, methods, (HttpContext http, IDjoserActions<TUser> actions) => handler(http, actions))
                .WithName(route.Name + (route.Handlers.Count > 1 ? "-" + method.ToLowerInvariant() : string.Empty))
                .WithSummary(route.Summary);
        }

        if (route.Name == DjoserRouteTable.RootName)
        {
            // The root lists every named route as an absolute URL (spec §2.2 "GET /").
            endpoints.MapMethods(route.Path, [HttpMethods.Get, HttpMethods.Head], (HttpContext http, IDjoserActions<TUser> actions) => RootAsync(http, actions, routes))
                .WithName(route.Name)
                .WithSummary(route.Summary);
        }

        var allowed = route.Handlers.Keys.Concat(route.Name == DjoserRouteTable.RootName ? [HttpMethods.Get] : []).ToArray();
        var others = AllMethods.Where(m => !allowed.Contains(m) && !(m == HttpMethods.Head && allowed.Contains(HttpMethods.Get))).ToArray();
        endpoints.MapMethods(route.Path, others, (HttpContext http, IDjoserActions<TUser> actions) => OtherMethodAsync(http, actions, route, allowed))
            .ExcludeFromDescription();

    }

    /// <summary>
    /// Django's <c>APPEND_SLASH</c>: every djoser path ends in a slash, and the slash-less one answers 301 to it (spec §12).
    /// Routing matches both forms, so the check sits in front of every handler.
    /// </summary>
    private static ValueTask<object?> AppendSlash(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.Path.Value is { } path && !path.EndsWith('/'))
        {
            return ValueTask.FromResult<object?>(Results.Redirect(request.PathBase + path + "/" + request.QueryString, permanent: true));
        }

        return next(context);
    }

    /// <summary>DRF dispatch for a method the view has no handler for: authenticate, check permission, then 405 (or OPTIONS metadata).</summary>
    private static async Task<IResult> OtherMethodAsync<TUser>(HttpContext http, IDjoserActions<TUser> actions, DjoserRoute<TUser> route, string[] allowed)
        where TUser : class
    {
        var (user, failure) = await actions.AuthenticateAsync(http);
        if (failure is not null)
        {
            return failure;
        }

        if (route.RequiresUser && user is null)
        {
            return DjoserResults.Detail(StatusCodes.Status401Unauthorized, DjoserMessages.NotAuthenticated, Authentication.DjoserTokenDefaults.Keyword);
        }

        var allow = string.Join(", ", allowed.Append(HttpMethods.Options));
        http.Response.Headers.Allow = allow;
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            return DjoserResults.Json(StatusCodes.Status200OK, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("name", route.Summary);
                writer.WriteString("description", string.Empty);
                writer.WriteStartArray("renders");
                writer.WriteStringValue("application/json");
                writer.WriteEndArray();
                writer.WriteStartArray("parses");
                writer.WriteStringValue("application/json");
                writer.WriteStringValue("application/x-www-form-urlencoded");
                writer.WriteStringValue("multipart/form-data");
                writer.WriteEndArray();
                writer.WriteEndObject();
            });
        }

        return DjoserResults.Detail(StatusCodes.Status405MethodNotAllowed,
            string.Format(CultureInfo.InvariantCulture, DjoserMessages.MethodNotAllowedFormat, http.Request.Method.ToUpperInvariant()));
    }

    private static async Task<IResult> RootAsync<TUser>(HttpContext http, IDjoserActions<TUser> actions, IReadOnlyList<DjoserRoute<TUser>> routes)
        where TUser : class
    {
        var (_, failure) = await actions.AuthenticateAsync(http);
        if (failure is not null)
        {
            return failure;
        }

        var request = http.Request;
        var groupBase = request.PathBase + request.Path.Value!.TrimEnd('/');
        return DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            foreach (var route in routes)
            {
                writer.WriteString(route.Name, $"{request.Scheme}://{request.Host}{groupBase}{route.Path}");
            }

            writer.WriteEndObject();
        });
    }
}
