using Djoser.Endpoints.Eras;
using Djoser.Model;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints.Actions;

/// <summary>GET of a user (spec §2.2 "/me/", §3.2 "/users/{id}/"): the resolved snapshot, no further query.</summary>
internal sealed class ShowUserAction<TUser>(IDjoserUserModel<TUser> model, DjoserEra era) : IDjoserAction<TUser>
    where TUser : class
{
    public Task<IResult> ExecuteAsync(DjoserRequest<TUser> request) =>
        Task.FromResult(DjoserUserResults.UserObject(model, StatusCodes.Status200OK, request.Target!, era.CurrentUserShape));
}
