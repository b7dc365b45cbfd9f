using System.Data.Common;
using Djoser.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>
/// Djoser:Database:CommandTimeout reaches every command of a djoser request, and only those, whichever way and in
/// whichever order the application registers its context (issue 11, issue 13).
/// </summary>
public sealed class CommandTimeoutTests
{
    public enum Registration
    {
        DbContext,
        DbContextPool,
        DbContextFactory,
    }

    public static TheoryData<Registration, bool, bool> Wirings()
    {
        var data = new TheoryData<Registration, bool, bool>();
        foreach (var registration in Enum.GetValues<Registration>())
        {
            foreach (var contextFirst in new[] { true, false })
            {
                foreach (var postgres in new[] { true, false })
                {
                    data.Add(registration, contextFirst, postgres);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Wirings))]
    public void Context_AnyRegistrationAndOrder_CarriesTheInterceptor(Registration registration, bool contextFirst, bool postgres)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        using var provider = Build(registration, contextFirst, postgres, connection);
        using var scope = provider.CreateScope();

        var context = Resolve(scope.ServiceProvider, registration);

        var interceptors = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
        Assert.Contains(interceptors, i => i is DjoserCommandTimeout);
    }

    [Theory]
    [InlineData(Registration.DbContext)]
    [InlineData(Registration.DbContextPool)]
    public async Task Commands_InsideADjoserRequestOnly_GetTheConfiguredTimeout(Registration registration)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await using var provider = Build(registration, contextFirst: false, postgres: false, connection);
        var recorder = provider.GetRequiredService<TimeoutRecorder>();

        await QueryAsync(provider, registration);
        await DjoserRequestAsync(() => QueryAsync(provider, registration));
        await QueryAsync(provider, registration);

        Assert.Equal([30, 3, 30], recorder.Timeouts);
    }

    // As the endpoint handler does: the mark covers what the marking async method awaits, and ends with it.
    private static async Task DjoserRequestAsync(Func<Task> body)
    {
        DjoserCommandTimeout.Enter();
        await body();
    }

    private static async Task QueryAsync(IServiceProvider provider, Registration registration)
    {
        await using var scope = provider.CreateAsyncScope();
        var context = Resolve(scope.ServiceProvider, registration);
        await context.Database.OpenConnectionAsync();
        _ = await context.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync();
    }

    private static TimeoutContext Resolve(IServiceProvider services, Registration registration) =>
        registration == Registration.DbContextFactory
            ? services.GetRequiredService<IDbContextFactory<TimeoutContext>>().CreateDbContext()
            : services.GetRequiredService<TimeoutContext>();

    private static ServiceProvider Build(Registration registration, bool contextFirst, bool postgres, SqliteConnection connection)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Djoser:Database:CommandTimeout"] = "00:00:03",
                ["Djoser:PasswordResetConfirmUrl"] = "#/password/reset/confirm/{uid}/{token}",
                ["Djoser:Email:PickupDirectory"] = Path.GetTempPath(),
                ["Djoser:Domain"] = "example.com",
            })
            .Build());
        services.AddLogging();
        services.AddSingleton<TimeoutRecorder>();
        if (contextFirst)
        {
            AddContext(services, registration, postgres, connection);
        }

        DjoserServiceCollectionExtensions.AddDjoserCore<IdentityUser, string, TimeoutContext>(services, new FakeUserModel());
        if (!contextFirst)
        {
            AddContext(services, registration, postgres, connection);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    // The samples' shape: the context djoser knows, and on PostgreSQL a subclass as the implementation.
    private static void AddContext(IServiceCollection services, Registration registration, bool postgres, SqliteConnection connection)
    {
        void Configure(IServiceProvider provider, DbContextOptionsBuilder options)
        {
            if (postgres)
            {
                options.UseNpgsql("Host=localhost;Database=unused");
            }
            else
            {
                options.UseSqlite(connection);
            }

            options.AddInterceptors(provider.GetRequiredService<TimeoutRecorder>());
        }

        switch (registration, postgres)
        {
            case (Registration.DbContext, false):
                services.AddDbContext<TimeoutContext>(Configure);
                break;
            case (Registration.DbContext, true):
                services.AddDbContext<TimeoutContext, PostgresTimeoutContext>(Configure);
                break;
            case (Registration.DbContextPool, false):
                services.AddDbContextPool<TimeoutContext>(Configure);
                break;
            case (Registration.DbContextPool, true):
                services.AddDbContextPool<TimeoutContext, PostgresTimeoutContext>(Configure);
                break;
            case (Registration.DbContextFactory, _):
                services.AddDbContextFactory<TimeoutContext>(Configure);
                break;
        }
    }

    public class TimeoutContext : IdentityDbContext<IdentityUser>
    {
        public TimeoutContext(DbContextOptions<TimeoutContext> options)
            : base(options)
        {
        }

        protected TimeoutContext(DbContextOptions options)
            : base(options)
        {
        }
    }

    public sealed class PostgresTimeoutContext(DbContextOptions<PostgresTimeoutContext> options) : TimeoutContext(options);

    /// <summary>Each executed command's timeout, as the provider sees it.</summary>
    public sealed class TimeoutRecorder : DbCommandInterceptor
    {
        public List<int> Timeouts { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Timeouts.Add(command.CommandTimeout);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
