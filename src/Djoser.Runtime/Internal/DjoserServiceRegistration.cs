using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Internal;

/// <summary>The registrations behind <c>AddDjoser</c>, by area.</summary>
internal static class DjoserServiceRegistration
{
    public static void AddCore<TUser, TKey, TContext>(IServiceCollection services)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
        where TContext : DbContext
    {
        // Filled in as the areas land: identity + stores, tokens, password validators, e-mail, authentication, handlers.
    }
}
