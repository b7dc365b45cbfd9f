using Djoser.Configuration;
using Djoser.Endpoints.Layouts;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// The API root: URL names as absolute URLs — every one of the layout in 1.1 (spec §2.2 "GET /"), the router's
/// <c>users</c> in 2.x (spec §3).
/// </summary>
internal sealed class RootAction<TUser>(IEnumerable<DjoserEndpointRow<TUser>> entries) : IDjoserAction<TUser>
    where TUser : class
{
    private const string JsonSuffix = ".json";

    public Task<IResult> ExecuteAsync(DjoserRequest<TUser> request)
    {
        var http = request.Http.Request;
        var options = request.Http.RequestServices.GetRequiredService<IOptions<DjoserOptions>>().Value;
        // Served at the prefix or, on 2.x's router, at its format-suffix twin ".json", whose links keep the suffix.
        var path = http.Path.Value!.TrimEnd('/');
        var suffix = path.EndsWith(JsonSuffix, StringComparison.Ordinal) ? JsonSuffix : string.Empty;
        var groupBase = http.PathBase + path[..^suffix.Length].TrimEnd('/');
        return Task.FromResult(DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            // djoser.urls.jwt lists its names only where its JWT library is installed: here, where JWT is on.
            // The opt-in token device URLs likewise, and only those without a route value (a link has none to fill).
            foreach (var entry in entries.Where(e => e.Module is not (DjoserUrlModule.Jwt or DjoserUrlModule.JwtLogout or DjoserUrlModule.AuthTokenDevices or DjoserUrlModule.EmailChange) || (options.Mounts(e) && !e.Path.Contains('{'))))
            {
                // djoser 1.1 lists a URL name that is not mounted with "" (spec §2.2 "GET /").
                writer.WriteString(entry.UrlName, options.Mounts(entry) ? $"{http.Scheme}://{http.Host}{groupBase}{Link(entry.Path, suffix)}" : string.Empty);
            }

            writer.WriteEndObject();
        }));
    }

    private static string Link(string path, string suffix) => suffix.Length == 0 ? path : path.TrimEnd('/') + suffix;
}
