using Djoser.Authentication;
using Djoser.Authorization;
using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Data;
using Djoser.Emails;
using Djoser.Emails.Outbox;
using Djoser.Endpoints;
using Djoser.Endpoints.Actions;
using Djoser.Endpoints.Eras;
using Djoser.Model;
using Djoser.Passwords;
using Djoser.Throttling;
using Djoser.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Djoser.Internal;

/// <summary>The registrations behind <c>AddDjoser</c>, by area.</summary>
internal static class DjoserServiceRegistration
{
    public static void AddCore<TUser, TKey, TContext>(IServiceCollection services, IDjoserUserModel<TUser> model)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
        where TContext : DbContext
    {
        DjoserWiringCheck.Add<TUser, TKey, TContext>(services);
        services.TryAddSingleton(model);
        services.AddOptions<DjoserOptions>().BindConfiguration(DjoserOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserUsernameResetOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserEmailChangeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserActivationModelValidator<TUser>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserJwtOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserTokenOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, Data.DjoserDatabaseOptionsValidator>());
        services.TryAddScoped<Data.IDjoserDatabaseSession, Data.DjoserDatabaseSession<TContext>>();
        services.TryAddSingleton<Data.DjoserCommandTimeout>();
        services.TryAddSingleton<Data.DjoserPreparedLookups>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IDbContextOptionsConfiguration<>), typeof(Data.DjoserInterceptorsSetup<>)));

        AddIdentity<TUser, TKey, TContext>(services);
        AddTokens<TUser, TKey, TContext>(services);
        AddPasswordValidators<TUser>(services);
        AddEmail(services);
        AddOutbox<TUser, TKey, TContext>(services);
        AddEndpoints<TUser, TKey>(services);
        AddThrottling<TUser, TKey>(services, model);

        // AddDataProtection and AddAuthentication above register the framework's start-up key-ring load again, which
        // LoadKeyRingInBackground, called before AddDjoser, took out.
        DjoserDataProtectionBuilderExtensions.KeepKeyRingLoadInBackground(services);
    }

    /// <summary>
    /// Throttling (replace <see cref="IDjoserThrottleLimiters"/> to keep the counts elsewhere) and the password check
    /// with Identity's lockout; <c>IdentityOptions.Lockout</c> follows the <c>Djoser:Lockout</c> section.
    /// </summary>
    private static void AddThrottling<TUser, TKey>(IServiceCollection services, IDjoserUserModel<TUser> model)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserThrottlingOptionsValidator>());
        services.TryAddSingleton(new DjoserThrottleGroups(model.UsernameField.JsonName));
        services.TryAddSingleton<IDjoserThrottleLimiters, DjoserThrottleLimiters>();
        services.TryAddSingleton<DjoserThrottle>();
        services.TryAddScoped<DjoserPasswordSignIn<TUser, TKey>>();
        services.AddOptions<IdentityOptions>().Configure<IServiceProvider>((identity, provider) =>
        {
            // From the section, not IOptions<DjoserOptions>: EF reads Identity's options while building the model (at
            // design time too), which must neither run nor fail with the validation of djoser's options.
            if (provider.GetService<IConfiguration>()?.GetSection(DjoserOptions.SectionName + ":Lockout").Get<DjoserLockoutOptions>() is { } lockout)
            {
                identity.Lockout.MaxFailedAccessAttempts = lockout.MaxFailedAccessAttempts;
                identity.Lockout.DefaultLockoutTimeSpan = lockout.Duration;
            }
        });
    }

    /// <summary>Token, Basic and JWT authentication as ASP.NET Core schemes, permissions as policies, the actions, and the route mapping MapDjoser replays.</summary>
    private static void AddEndpoints<TUser, TKey>(IServiceCollection services)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DjoserTokenAuthenticationHandler<TUser, TKey>>(DjoserTokenDefaults.AuthenticationScheme, null)
            .AddScheme<AuthenticationSchemeOptions, DjoserBasicAuthenticationHandler<TUser, TKey>>(DjoserBasicDefaults.AuthenticationScheme, null)
            .AddScheme<AuthenticationSchemeOptions, DjoserJwtAuthenticationHandler<TUser, TKey>>(DjoserJwtDefaults.AuthenticationScheme, null);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserAccessOptionsValidator>());
        services.TryAddSingleton<DjoserSchemeList>();
        services.TryAddSingleton<DjoserAuthenticator<TUser>>();
        DjoserPolicies.Add(services);
        services.TryAddScoped<IDjoserStaff, DjoserStaff<TUser>>();
        services.TryAddSingleton(sp => DjoserEra.For(sp.GetRequiredService<IOptions<DjoserOptions>>().Value.UrlLayout));

        services.TryAddScoped<DjoserAccounts<TUser, TKey>>();
        services.TryAddScoped<DjoserAccountEmails<TUser, TKey>>();
        services.TryAddScoped<DjoserPasswordChange<TUser, TKey>>();
        services.TryAddScoped<IDjoserTargets<TUser>, DjoserTargets<TUser, TKey>>();
        // A singleton: it holds nothing of the request, and GET me is the authenticated hot path (issue 13).
        services.TryAddSingleton<ShowUserAction<TUser>>();
        services.TryAddScoped<UpdateUserAction<TUser, TKey>>();
        services.TryAddScoped<RegisterAction<TUser, TKey>>();
        services.TryAddScoped<DeleteUserAction<TUser, TKey>>();
        services.TryAddScoped<ActivateAction<TUser, TKey>>();
        services.TryAddScoped<SetUsernameAction<TUser, TKey>>();
        services.TryAddScoped<SetPasswordAction<TUser, TKey>>();
        services.TryAddScoped<ResetPasswordAction<TUser, TKey>>();
        services.TryAddScoped<ResetPasswordConfirmAction<TUser, TKey>>();
        services.TryAddScoped<DjoserEmailLookup<TUser, TKey>>();
        services.TryAddScoped<ResendActivationAction<TUser, TKey>>();
        services.TryAddScoped<ResetUsernameAction<TUser, TKey>>();
        services.TryAddScoped<ResetUsernameConfirmAction<TUser, TKey>>();
        services.TryAddScoped<ListUsersAction<TUser, TKey>>();
        services.TryAddScoped<TokenLoginAction<TUser, TKey>>();
        services.TryAddScoped<TokenLogoutAction<TUser>>();
        services.TryAddScoped<TokenLogoutAllAction<TUser>>();
        services.TryAddScoped<TokenDevicesAction<TUser>>();
        services.TryAddScoped<TokenRevokeAction<TUser>>();
        services.TryAddScoped<JwtCreateAction<TUser, TKey>>();
        services.TryAddScoped<JwtRefreshAction<TUser, TKey>>();
        services.TryAddScoped<JwtVerifyAction<TUser>>();
        services.TryAddScoped<JwtLogoutAction<TUser>>();
        services.TryAddScoped<JwtDrfCreateAction<TUser, TKey>>();
        services.TryAddScoped<DjoserEmailChanges<TUser, TKey>>();
        services.TryAddScoped<DjoserEmailChangeTokens<TUser>>();
        services.TryAddScoped<ConfirmEmailChangeAction<TUser, TKey>>();
        services.TryAddSingleton(new DjoserEndpointMapper(DjoserRouteMapper<TUser, TKey>.Map));
    }

    /// <summary>Identity core with EF stores, e-mail usernames, data protection; Django's password rules replace Identity's.</summary>
    private static void AddIdentity<TUser, TKey, TContext>(IServiceCollection services)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
        where TContext : DbContext
    {
        services.AddDataProtection();
        // Empty: the generated binders apply Django's username validator (Unicode by default), and Identity's
        // ASCII-only default would refuse at CreateAsync the letters Django allows ("Unable to create account.").
        // Before Identity's own (a TryAdd too): its normalizer throws on U+FFFF or a lone surrogate in a login.
        services.TryAddScoped<ILookupNormalizer, DjoserLookupNormalizer>();
        var identity = services.AddIdentityCore<TUser>(options => options.User.AllowedUserNameCharacters = string.Empty);
        if (DjoserRoleType.Of(typeof(TContext)) is { } roleType)
        {
            // The context has Identity's role tables: roles make Django's is_staff (Djoser:StaffRole) checkable.
            identity.AddRoles(roleType);
        }

        identity.AddEntityFrameworkStores<TContext>();

        // Identity's default PasswordValidator<TUser> (digits, upper case, symbols...) is not Django's: drop it.
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(IPasswordValidator<TUser>) && descriptor.ImplementationType == typeof(PasswordValidator<TUser>))
            {
                services.RemoveAt(i);
            }
        }
    }

    /// <summary>Auth tokens, JWTs, last logins, and the one-time token provider registered with Identity as "Djoser".</summary>
    private static void AddTokens<TUser, TKey, TContext>(IServiceCollection services)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
        where TContext : DbContext
    {
        services.TryAddSingleton<DjoserAuthTokenCache<TUser, TKey>>();
        services.TryAddSingleton<DjoserLookupContexts<TContext>>();
        services.TryAddSingleton<DjoserTokenLookups<TUser, TKey, TContext>>();
        services.TryAddScoped<IDjoserAuthTokenStore<TUser>, DjoserAuthTokenStore<TUser, TKey, TContext>>();
        services.TryAddScoped<IDjoserLoginRecords<TUser>, DjoserLoginRecords<TUser, TKey, TContext>>();
        services.TryAddScoped<DjoserLoginLookup<TUser>>();
        services.TryAddScoped<IDjoserUserTokens<TUser>, DjoserUserTokens<TUser>>();
        services.TryAddSingleton<DjoserJwtCodec>();
        services.TryAddScoped<IDjoserJwtTokens<TUser>, DjoserJwtTokens<TUser, TKey, TContext>>();
        services.TryAddSingleton<DjoserJwtDrfTokens<TUser, TKey>>();
        services.TryAddScoped<IDjoserJwtRevocations<TUser>, DjoserJwtRevocations<TUser, TKey, TContext>>();

        services.TryAddTransient<DjoserTokenProvider<TUser>>();
        services.Configure<IdentityOptions>(options =>
        {
            if (!options.Tokens.ProviderMap.ContainsKey(DjoserTokenProvider<TUser>.ProviderName))
            {
                options.Tokens.ProviderMap[DjoserTokenProvider<TUser>.ProviderName] = new TokenProviderDescriptor(typeof(DjoserTokenProvider<TUser>));
            }
        });
    }

    /// <summary>Django's default validators, in Django's order so their messages come out in that order.</summary>
    private static void AddPasswordValidators<TUser>(IServiceCollection services)
        where TUser : class
    {
        services.AddOptions<DjoserPasswordOptions>()
            .BindConfiguration(DjoserPasswordOptions.SectionName)
            .Validate(o => o.MinimumLength >= 0, "Djoser:Password:MinimumLength must not be negative (e.g. 8, Django's default).")
            .Validate(o => o.MaxSimilarity >= 0.1, "Djoser:Password:MaxSimilarity must be at least 0.1, Django's lower bound (e.g. 0.7, Django's default).")
            .ValidateOnStart();

        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPasswordValidator<TUser>, DjoserUserAttributeSimilarityValidator<TUser>>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPasswordValidator<TUser>, DjoserMinimumLengthValidator<TUser>>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPasswordValidator<TUser>, DjoserCommonPasswordValidator<TUser>>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPasswordValidator<TUser>, DjoserNumericPasswordValidator<TUser>>());
    }

    /// <summary>
    /// The durable outbox: rows queued on the scoped context, the dispatcher (replace <see cref="IDjoserOutboxDispatcher"/>
    /// only with care) and the hosted service that runs it, the wake-up signal and the metrics.
    /// </summary>
    private static void AddOutbox<TUser, TKey, TContext>(IServiceCollection services)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
        where TContext : DbContext
    {
        services.AddMetrics();
        services.TryAddSingleton<DjoserOutboxSignal>();
        services.TryAddSingleton<DjoserOutboxMetrics>();
        services.TryAddScoped<IDjoserOutbox, DjoserOutbox<TContext>>();
        services.TryAddSingleton<IDjoserOutboxDispatcher, DjoserOutboxDispatcher<TUser, TKey, TContext>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DjoserOutboxService>());
    }

    /// <summary>
    /// Templates, renderer and composer; the transport of <c>Djoser:Email:Delivery</c> (replace
    /// <see cref="IDjoserEmailTransport"/> to deliver otherwise) and the sender joining them (replace
    /// <see cref="IDjoserEmailSender"/> to take over both).
    /// </summary>
    private static void AddEmail(IServiceCollection services)
    {
        services.TryAddSingleton<DjoserEmailTemplates>();
        services.TryAddSingleton(sp => new DjoserEmailRenderer(sp.GetRequiredService<DjoserEmailTemplates>()));
        services.TryAddSingleton<DjoserEmailComposer>();
        services.TryAddSingleton<DjoserPickupDirectoryTransport>();
        services.TryAddSingleton<DjoserSmtpTransport>();
        services.TryAddSingleton<IDjoserEmailTransport, DjoserEmailTransport>();
        services.TryAddSingleton<IDjoserEmailSender, DjoserEmailSender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<DjoserOptions>, DjoserEmailUrlSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserEmailUrlSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserEmailOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserLinkOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserEmailTemplateValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DjoserOptions>, DjoserPickupDirectoryValidator>(
            _ => new DjoserPickupDirectoryValidator(services)));
    }
}
