using Djoser.Errors;
using Djoser.Model;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints;

/// <summary>The user object answer, written by the generated model.</summary>
internal static class DjoserUserResults
{
    public static IResult UserObject<TUser>(IDjoserUserModel<TUser> model, int statusCode, TUser user, DjoserUserShape shape)
        where TUser : class =>
        DjoserResults.Json(statusCode, (model, user, shape), static (writer, state) => state.model.WriteUser(writer, state.user, state.shape));
}
