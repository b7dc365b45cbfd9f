using Djoser.Authorization;
using Djoser.Configuration;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Djoser.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// GET <c>/users/</c> (spec §3.2, §6.9): with <c>HideUsers</c> a non-staff user sees only themselves; staff, or
/// anyone with <c>HideUsers</c> off, sees every user, inactive ones included. No pagination, as djoser's default.
/// </summary>
internal sealed class ListUsersAction<TUser, TKey>(
    UserManager<TUser> users,
    IDjoserUserModel<TUser> model,
    IOptions<DjoserOptions> options,
    IDjoserStaff staff,
    DjoserEra era)
    : IDjoserAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    public async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request)
    {
        var settings = options.Value;
        var everyone = !settings.HideUsers || await staff.IsStaffAsync(request.Http, settings.StaffRole);
        var listed = everyone
            ? await users.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(request.Aborted)
            : [request.User!];
        return DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray();
            foreach (var user in listed)
            {
                model.WriteUser(writer, user, era.CurrentUserShape);
            }

            writer.WriteEndArray();
        });
    }
}
