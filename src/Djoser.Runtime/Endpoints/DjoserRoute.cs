using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints;

/// <summary>One djoser URL: its path under the prefix, its URL name, whether it needs a logged-in user, and a handler per method.</summary>
internal sealed record DjoserRoute<TUser>(
    string Path,
    string Name,
    string Summary,
    bool RequiresUser,
    IReadOnlyDictionary<string, Func<HttpContext, IDjoserActions<TUser>, Task<IResult>>> Handlers)
    where TUser : class;
