using System.ComponentModel;
using Djoser.Authentication;
using Djoser.Configuration;
using Djoser.Endpoints;
using Djoser.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Djoser.Internal;
using Microsoft.Extensions.Options;

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
        var model = DjoserModelRegistry.Get<TUser>();
        services.TryAddSingleton(model);
        model.AddServices<TContext>(services);
        return new IdentityBuilder(typeof(TUser), services);
    }

    /// <summary>Registers the services closed over the user's key type. Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void AddDjoserCore<TUser, TKey, TContext>(IServiceCollection services, IDjoserUserModel<TUser> model)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
        where TContext : DbContext
    {
        services.TryAddSingleton(model);
        services.AddOptions<DjoserOptions>().BindConfiguration(DjoserOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        DjoserServiceRegistration.AddCore<TUser, TKey, TContext>(services);

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DjoserTokenAuthenticationHandler<TUser, TKey>>(DjoserTokenDefaults.AuthenticationScheme, null);
        services.TryAddScoped<IDjoserActions<TUser>, DjoserActions<TUser, TKey>>();
        services.TryAddSingleton(new DjoserEndpointMapper(model.MapEndpoints));
    }
}
