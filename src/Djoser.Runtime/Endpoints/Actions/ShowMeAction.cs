using Djoser.Endpoints.Eras;
using Djoser.Model;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints.Actions;

/// <summary>GET of the current user (spec §2.2 "/me/"): the authenticated snapshot, no query.</summary>
internal sealed class ShowMeAction<TUser>(IDjoserUserModel<TUser> model, DjoserEra era) : IDjoserAction<TUser>
    where TUser : class
{
    public Task<IResult> ExecuteAsync(DjoserRequest<TUser> request) =>
        Task.FromResult(DjoserUserResults.UserObject(model, StatusCodes.Status200OK, request.User!, era.CurrentUserShape));
}
