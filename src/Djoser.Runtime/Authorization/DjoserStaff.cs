using Djoser.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Authorization;

/// <summary>Django's <c>is_staff</c> as an Identity role, when the user store has roles (an <c>IdentityDbContext</c> with role tables).</summary>
internal sealed class DjoserStaff<TUser>(UserManager<TUser> users) : IDjoserStaff
    where TUser : class
{
    private static readonly object CacheKey = new();

    public async Task<bool> IsStaffAsync(HttpContext http, string staffRole)
    {
        if (http.Items.TryGetValue(CacheKey, out var known))
        {
            return (bool)known!;
        }

        var user = http.Features.Get<DjoserAuthenticatedUser<TUser>>()?.User;
        var staff = user is not null && users.SupportsUserRole && await users.IsInRoleAsync(user, staffRole);
        http.Items[CacheKey] = staff;
        return staff;
    }
}
