using Djoser.Redis;
using Djoser.Throttling;
using Djoser.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis services that let several instances of a Djoser.Gen application run as one.</summary>
public static class DjoserRedisServiceCollectionExtensions
{
    /// <summary>
    /// Makes the authentication cache exact across instances (revocations published on a channel every instance
    /// acknowledges, with a per-user revocation version in Redis read on each cached request while an instance cannot
    /// hear the channel) and, unless <c>Djoser:Redis:Throttling</c> is <c>false</c>, counts the throttles in Redis. The
    /// server is <c>Djoser:Redis:Configuration</c>, else <c>ConnectionStrings:Redis</c>; start-up fails naming them
    /// when neither is set. Call it before or after <c>AddDjoser</c>.
    /// </summary>
    public static IServiceCollection AddDjoserRedis(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DjoserRedisOptions>()
            .BindConfiguration(DjoserRedisOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.Configuration))
                {
                    options.Configuration = configuration.GetConnectionString("Redis");
                }
            })
            .Validate(
                options => !string.IsNullOrWhiteSpace(options.Configuration),
                "Djoser:Redis:Configuration (or ConnectionStrings:Redis) must name the Redis server, e.g. '127.0.0.1:6379'.")
            .Validate(
                options => string.IsNullOrWhiteSpace(options.Configuration) || Parses(options.Configuration),
                "Djoser:Redis:Configuration (or ConnectionStrings:Redis) is not a StackExchange.Redis configuration string, e.g. '127.0.0.1:6379,password=...'.")
            .Validate(options => !string.IsNullOrEmpty(options.KeyPrefix), "Djoser:Redis:KeyPrefix must not be empty (e.g. 'djoser:', the default).")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DjoserRedisConnection>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DjoserRedisConnector>());
        services.TryAddSingleton<DjoserRevocationFeed>();
        services.TryAddSingleton<DjoserRevocationAcks>();
        services.TryAddSingleton<DjoserRedisRevocationChannel>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DjoserRedisRevocationChannel>(provider => provider.GetRequiredService<DjoserRedisRevocationChannel>()));
        services.Replace(ServiceDescriptor.Singleton<IDjoserRevocationVersions, DjoserRedisRevocationVersions>());
        services.Replace(ServiceDescriptor.Singleton<IDjoserThrottleLimiters, DjoserRedisThrottleLimiters>());
        return services;
    }

    private static bool Parses(string configuration)
    {
        try
        {
            ConfigurationOptions.Parse(configuration);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
