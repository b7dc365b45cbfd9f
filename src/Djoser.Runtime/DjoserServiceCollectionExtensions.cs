using System.ComponentModel;
using Djoser.Internal;
using Djoser.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser;

/// <summary>Registers djoser's services.</summary>
public static class DjoserServiceCollectionExtensions
{
    /// <summary>
    /// Adds djoser for the <c>[DjoserUser]</c> class <typeparamref name="TUser"/> stored in <typeparamref name="TContext"/>:
    /// Identity core services, token authentication, options bound from the <c>Djoser</c> section and validated at
    /// start-up, password validators with Django's defaults, tokens and e-mail. Every service is added with
    /// <c>TryAdd</c>, so registering your own implementation first replaces ours.
    /// </summary>
    /// <returns>The Identity builder, to add stores or providers of your own.</returns>
    public static IdentityBuilder AddDjoser<TUser, TContext>(this IServiceCollection services)
        where TUser : class
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        DjoserModelRegistry.Get<TUser>().AddServices<TContext>(services);
        return new IdentityBuilder(typeof(TUser), services);
    }

    /// <summary>Registers the services closed over the user's key type. Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void AddDjoserCore<TUser, TKey, TContext>(IServiceCollection services, IDjoserUserModel<TUser> model)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
        where TContext : DbContext
        => DjoserServiceRegistration.AddCore<TUser, TKey, TContext>(services, model);
}
