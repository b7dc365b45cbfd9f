using Djoser.Binding;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints;

/// <summary>One djoser view's work for one HTTP method: validate in DRF's order, act, answer in DRF's shapes.</summary>
/// <typeparam name="TUser">The user model.</typeparam>
internal interface IDjoserAction<TUser>
    where TUser : class
{
    /// <summary>Runs the action; authentication and the permission check have already passed.</summary>
    Task<IResult> ExecuteAsync(DjoserRequest<TUser> request);
}

/// <summary>An action that reads a body; DRF parses it lazily, so actions that read none never fail on a bad one.</summary>
/// <typeparam name="TUser">The user model.</typeparam>
internal abstract class DjoserBodyAction<TUser> : IDjoserAction<TUser>
    where TUser : class
{
    public async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request)
    {
        var (body, failure) = await DjoserBodyReader.ReadAsync(request.Http.Request, request.Aborted);
        return failure ?? await ExecuteAsync(request, body!);
    }

    /// <summary>Runs the action over the parsed body.</summary>
    protected abstract Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body);
}
