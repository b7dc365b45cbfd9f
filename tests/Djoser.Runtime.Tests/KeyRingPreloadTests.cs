using Djoser.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Djoser.Runtime.Tests;

/// <summary><c>LoadKeyRingInBackground</c>: the key ring loads on the thread pool while the host starts, in place of the framework's load.</summary>
public sealed class KeyRingPreloadTests
{
    [Fact]
    public void AddDataProtection_RegistersTheFrameworkLoadThisCheckFinds()
    {
        // Guards the name LoadKeyRingInBackground looks for: were it renamed, nothing would be taken out.
        var services = new ServiceCollection();
        services.AddDataProtection();
        Assert.Single(services, DjoserDataProtectionBuilderExtensions.IsFrameworkKeyRingLoad);
    }

    [Fact]
    public void LoadKeyRingInBackground_BeforeAddDjoser_LeavesOnlyTheBackgroundLoad()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().LoadKeyRingInBackground();
        // AddDjoser calls AddDataProtection and AddAuthentication, which register the framework's load again.
        DjoserServiceCollectionExtensions.AddDjoserCore<IdentityUser, string, TestDbContext>(services, new FakeUserModel());

        Assert.DoesNotContain(services, DjoserDataProtectionBuilderExtensions.IsFrameworkKeyRingLoad);
        Assert.Single(services, d => d.ImplementationType == typeof(DjoserKeyRingPreload));
    }

    [Fact]
    public void LoadKeyRingInBackground_AfterAddAuthentication_LeavesOnlyTheBackgroundLoad()
    {
        var services = new ServiceCollection();
        services.AddAuthentication();
        services.AddDataProtection().LoadKeyRingInBackground();
        services.AddDataProtection().LoadKeyRingInBackground();

        Assert.DoesNotContain(services, DjoserDataProtectionBuilderExtensions.IsFrameworkKeyRingLoad);
        Assert.Single(services, d => d.ImplementationType == typeof(DjoserKeyRingPreload));
    }

    [Fact]
    public void AddDjoser_WithoutLoadKeyRingInBackground_KeepsTheFrameworkLoad()
    {
        var services = new ServiceCollection();
        DjoserServiceCollectionExtensions.AddDjoserCore<IdentityUser, string, TestDbContext>(services, new FakeUserModel());

        Assert.Single(services, DjoserDataProtectionBuilderExtensions.IsFrameworkKeyRingLoad);
        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(DjoserKeyRingPreload));
    }

    [Fact]
    public async Task StartedAsync_ReturnsBeforeTheLoadEnds_AndStopAsyncWaitsForIt()
    {
        using var release = new ManualResetEventSlim();
        var keyRing = new FakeKeyRingProvider(() => release.Wait(TimeSpan.FromSeconds(10)));
        var preload = new DjoserKeyRingPreload(keyRing, new CapturingLogger());

        // Nothing while the other hosted services start (djoser's wiring check makes EF's first context then).
        await preload.StartingAsync(default);
        await preload.StartAsync(default);
        Assert.Equal(0, keyRing.Calls);

        await preload.StartedAsync(default);
        Assert.False(preload.Load.IsCompleted);

        var stopping = preload.StopAsync(default);
        Assert.False(stopping.IsCompleted);
        release.Set();
        await stopping;
        Assert.Equal(1, keyRing.Calls);
    }

    [Fact]
    public async Task A_failed_load_is_logged_as_a_warning_and_does_not_stop_the_host()
    {
        var logger = new CapturingLogger();
        var preload = new DjoserKeyRingPreload(new FakeKeyRingProvider(() => throw new InvalidOperationException("no certificate")), logger);

        await preload.StartedAsync(default);
        await preload.Load;
        await preload.StopAsync(default);

        var (level, exception) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal("no certificate", exception?.Message);
    }

    [Fact]
    public async Task The_host_starts_the_load_and_protects_with_the_loaded_ring()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider().LoadKeyRingInBackground();
        using var host = builder.Build();
        await host.StartAsync();
        var preload = host.Services.GetServices<IHostedService>().OfType<DjoserKeyRingPreload>().Single();
        await preload.Load;

        var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("hello", protector.Unprotect(protector.Protect("hello")));
        await host.StopAsync();
    }

    private sealed class FakeKeyRingProvider(Action load) : IKeyRingProvider
    {
        public int Calls { get; private set; }

        public IKeyRing GetCurrentKeyRing()
        {
            Calls++;
            load();
            return new FakeKeyRing();
        }
    }

    private sealed class FakeKeyRing : IKeyRing
    {
        public IAuthenticatedEncryptor? DefaultAuthenticatedEncryptor => null;

        public Guid DefaultKeyId => Guid.Empty;

        public IAuthenticatedEncryptor? GetAuthenticatedEncryptorByKeyId(Guid keyId, out bool isRevoked)
        {
            isRevoked = false;
            return null;
        }
    }

    private sealed class CapturingLogger : ILogger<DjoserKeyRingPreload>
    {
        public List<(LogLevel Level, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (Entries)
                {
                    Entries.Add((logLevel, exception));
                }
            }
        }
    }
}
