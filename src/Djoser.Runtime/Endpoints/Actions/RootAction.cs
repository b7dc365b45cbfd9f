using Djoser.Endpoints.Layouts;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints.Actions;

/// <summary>The API root: every URL name of the layout as an absolute URL (spec §2.2 "GET /").</summary>
internal sealed class RootAction<TUser>(IReadOnlyList<DjoserEndpointRow<TUser>> rows) : IDjoserAction<TUser>
    where TUser : class
{
    public Task<IResult> ExecuteAsync(DjoserRequest<TUser> request)
    {
        var http = request.Http.Request;
        var groupBase = http.PathBase + http.Path.Value!.TrimEnd('/');
        return Task.FromResult(DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            foreach (var row in rows)
            {
                writer.WriteString(row.UrlName, $"{http.Scheme}://{http.Host}{groupBase}{row.Path}");
            }

            writer.WriteEndObject();
        }));
    }
}
