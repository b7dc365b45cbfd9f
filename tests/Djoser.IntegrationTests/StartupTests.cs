using Djoser.Data;
using Djoser.Endpoints;
using Djoser.Sample;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Djoser.IntegrationTests;

/// <summary>
/// A misconfigured or miswired application does not start: options are validated on start, and the wiring (context
/// registered, user and djoser's tables in its model, one AddDjoser) is checked before the server listens.
/// </summary>
public sealed class StartupTests
{
    private static readonly Dictionary<string, string?> ValidSettings = new()
    {
        ["Djoser:PasswordResetConfirmUrl"] = "#/password/reset/confirm/{uid}/{token}",
        ["Djoser:Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "djoser-tests", "startup-mail"),
        ["Djoser:SendActivationEmail"] = "false",
        ["Djoser:Domain"] = "app.example.com",
    };

    [Fact]
    public void Start_ActivationOnWithoutUrl_FailsNamingTheSetting()
    {
        using var app = new MisconfiguredApp();
        var exception = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Djoser:ActivationUrl is required because Djoser:SendActivationEmail is true", exception.Message);
    }

    [Fact]
    public void Start_ApplyDjoserModelForgotten_FailsNamingTheCall()
    {
        using var app = new WithoutDjoserTablesApp();
        var exception = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Equal(
            "Djoser's tables are not in AppDbContext's model: call builder.ApplyDjoserModel<AppUser>() in AppDbContext.OnModelCreating, " +
            "after base.OnModelCreating(builder), then add a migration.",
            exception.Message);
    }

    [Fact]
    public async Task Start_AllWired_Starts()
    {
        // The control for the tests below: the same host with the context registered and complete starts.
        using var host = BuildHost(services =>
        {
            services.AddDbContext<CompleteContext>(o => o.UseSqlite("Data Source=:memory:"));
            services.AddDjoser<AppUser, CompleteContext>();
        });
        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task Start_AddDbContextForgotten_FailsNamingTheCall()
    {
        using var host = BuildHost(services => services.AddDjoser<AppUser, CompleteContext>());
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Equal(
            "CompleteContext is not registered as a service, and AddDjoser<AppUser, CompleteContext>() stores users and tokens through it: " +
            "call builder.Services.AddDbContext<CompleteContext>(options => ...) as well.",
            exception.Message);
    }

    [Fact]
    public async Task Start_ContextWithoutTheUser_FailsNamingIdentityDbContext()
    {
        using var host = BuildHost(services =>
        {
            services.AddDbContext<NotIdentityContext>(o => o.UseSqlite("Data Source=:memory:"));
            services.AddDjoser<AppUser, NotIdentityContext>();
        });
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Equal(
            "AppUser is not in NotIdentityContext's model, so djoser cannot store users there: derive NotIdentityContext from " +
            "IdentityDbContext<AppUser> (or pass the context that holds AppUser to AddDjoser<AppUser, TContext>()), and call " +
            "builder.ApplyDjoserModel<AppUser>() in NotIdentityContext.OnModelCreating, after base.OnModelCreating(builder), then add a migration.",
            exception.Message);
    }

    [Fact]
    public void AddDjoser_CalledTwice_FailsNamingBothCalls()
    {
        var services = new ServiceCollection();
        services.AddDjoser<AppUser, AppDbContext>();
        var exception = Assert.Throws<InvalidOperationException>(() => services.AddDjoser<AppUser, CompleteContext>());
        Assert.Equal(
            "AddDjoser was called twice: AddDjoser<AppUser, AppDbContext>() and then AddDjoser<AppUser, CompleteContext>(). " +
            "An application serves one djoser user model: keep one call.",
            exception.Message);
    }

    [Fact]
    public void MapDjoser_WithoutAddDjoser_FailsNamingAddDjoser()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        var exception = Assert.Throws<InvalidOperationException>(() => app.MapDjoser("/auth"));
        Assert.Equal("MapDjoser needs services.AddDjoser<TUser, TContext>() to have been called first.", exception.Message);
    }

    private static IHost BuildHost(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(ValidSettings);
        configure(builder.Services);
        return builder.Build();
    }

    private sealed class MisconfiguredApp() : DjoserApp(new Dictionary<string, string?> { ["Djoser:ActivationUrl"] = "" });

    /// <summary>The sample as if its context did not call ApplyDjoserModel (its migrations still run, so only our check can fail).</summary>
    private sealed class WithoutDjoserTablesApp : DjoserApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // On PostgreSQL (TestDatabase) the registered options are PostgresAppDbContext's: configure whichever is used.
            // The sample's own context types run on their compiled models (CompiledModels/), which no customizer changes:
            // a context type of the test's own has none, so EF builds its model, customizer included.
            builder.ConfigureTestServices(services => services
                .ConfigureDbContext<AppDbContext>(WithoutDjoserTables.Configure)
                .ConfigureDbContext<PostgresAppDbContext>(WithoutDjoserTables.Configure)
                .AddScoped<AppDbContext>(provider => new ModelBuiltContext(ModelBuiltContext.Rebind(
                    provider.GetService<DbContextOptions<PostgresAppDbContext>>() ?? (DbContextOptions)provider.GetRequiredService<DbContextOptions<AppDbContext>>()))));
        }
    }

    /// <summary>Runs the context's OnModelCreating, then takes djoser's entities out again.</summary>
    private sealed class WithoutDjoserTables(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public static void Configure(DbContextOptionsBuilder options) => options
            .ReplaceService<IModelCustomizer, WithoutDjoserTables>()
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));

        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Ignore<DjoserAuthToken<AppUser, string>>();
            modelBuilder.Ignore<DjoserLoginRecord<string>>();
        }
    }

    /// <summary>The sample's context under another type, so that EF builds its model instead of loading the compiled one.</summary>
    private sealed class ModelBuiltContext(DbContextOptions<ModelBuiltContext> options) : AppDbContext(options)
    {
        /// <summary>The registered options (the provider, the customizer) for this type: EF refuses another context's.</summary>
        public static DbContextOptions<ModelBuiltContext> Rebind(DbContextOptions options) =>
            new(options.Extensions.ToDictionary(extension => extension.GetType()));
    }

    private sealed class CompleteContext(DbContextOptions<CompleteContext> options) : IdentityDbContext<AppUser>(options)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            builder.ApplyDjoserModel<AppUser>();
        }
    }

    private sealed class NotIdentityContext(DbContextOptions<NotIdentityContext> options) : DbContext(options);
}
