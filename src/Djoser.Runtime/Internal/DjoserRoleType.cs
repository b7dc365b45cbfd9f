using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Djoser.Internal;

/// <summary>The role type of an Identity context (<c>IdentityDbContext&lt;TUser, TRole, TKey, …&gt;</c>), read once at registration.</summary>
internal static class DjoserRoleType
{
    /// <summary>The context's role type, or <c>null</c> for a user-only context (<c>IdentityUserContext</c>).</summary>
    public static Type? Of([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] Type context)
    {
        for (var type = context; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
                && (definition == typeof(IdentityDbContext<,,>) || definition == typeof(IdentityDbContext<,,,,,,,>)))
            {
                return type.GetGenericArguments()[1];
            }
        }

        return null;
    }

    /// <summary><see cref="IdentityBuilder.AddRoles{TRole}"/> for a role type known only at run time.</summary>
    public static IdentityBuilder AddRoles(this IdentityBuilder builder, Type roleType) =>
        (IdentityBuilder)typeof(IdentityBuilder).GetMethod(nameof(IdentityBuilder.AddRoles))!.MakeGenericMethod(roleType).Invoke(builder, null)!;
}
