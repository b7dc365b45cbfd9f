using System.Data;
using System.Data.Common;
using Djoser.Configuration;
using Djoser.Data;
using Djoser.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>
/// The token lookup on a cache miss (issue 13): kept contexts with open connections (<see cref="DjoserLookupContexts{TContext}"/>)
/// and their prepared commands (<see cref="DjoserPreparedLookups"/>), on a SQLite file with a connection pool.
/// </summary>
public sealed class LookupContextsTests
{
    private static Dictionary<string, string?> Uncached(int? connections = null)
    {
        var settings = new Dictionary<string, string?> { ["Djoser:AuthTokenCacheDuration"] = "00:00:00" };
        if (connections is { } count)
        {
            settings["Djoser:Database:LookupConnections"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    private static DjoserLookupContexts<TestDbContext> Lookups(TestHost host) => host.Services.GetRequiredService<DjoserLookupContexts<TestDbContext>>();

    private static async Task<string> CreateKeyAsync(TestHost host, string id)
    {
        await using var scope = host.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(id);
        return await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>().GetOrCreateAsync(user!, default);
    }

    private static async Task<IdentityUser?> FindAsync(TestHost host, string key)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<IdentityUser>>().FindUserAsync(key, default);
    }

    [Fact]
    public async Task Misses_share_one_kept_context_whose_statement_is_prepared_once_and_see_every_commit()
    {
        using var host = new TestHost(settings: Uncached(), fileDatabase: true);
        var id = await host.CreateUserAsync();
        var key = await CreateKeyAsync(host, id);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ann@example.com", (await FindAsync(host, key))!.Email);
        }

        Assert.Equal(1, Lookups(host).Count);
        Assert.Equal(1, Lookups(host).Prepared);

        // The kept connection reads what other connections committed since: a changed user, then a deleted token.
        await using (var scope = host.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.FindByIdAsync(id);
            user!.Email = "ann@example.org";
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        Assert.Equal("ann@example.org", (await FindAsync(host, key))!.Email);
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<DjoserAuthToken<IdentityUser, string>>().ExecuteDeleteAsync();
        }

        Assert.Null(await FindAsync(host, key));
        Assert.Equal(1, Lookups(host).Prepared);
    }

    [Fact]
    public async Task Lookups_that_arrive_while_the_kept_connection_is_busy_share_its_next_query()
    {
        using var host = new TestHost(settings: Uncached(), fileDatabase: true);
        var ann = await host.CreateUserAsync();
        var bob = await host.CreateUserAsync("bob", "bob@example.com");
        var annKey = await CreateKeyAsync(host, ann);
        var bobKey = await CreateKeyAsync(host, bob);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Commands.Hook = ("SELECT", async () =>
        {
            started.SetResult();
            await release.Task;
        });

        var first = FindAsync(host, annKey);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        host.Commands.Count = 0;
        var waiting = new[] { FindAsync(host, bobKey), FindAsync(host, annKey), FindAsync(host, new string('0', 40)), FindAsync(host, bobKey) };
        await Task.Delay(50);
        Assert.DoesNotContain(waiting, lookup => lookup.IsCompleted);
        Assert.Equal(0, host.Commands.Count);

        release.SetResult();
        Assert.Equal(ann, (await first)!.Id);
        var users = await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(10));

        // Both queries on the one kept connection, each on a statement prepared for its number of keys.
        Assert.Equal(new[] { bob, ann, null, bob }, users.Select(user => user?.Id));
        Assert.Equal(1, host.Commands.Count);
        Assert.Equal(2, host.Services.GetRequiredService<DjoserTokenLookups<IdentityUser, string, TestDbContext>>().Queries);
        Assert.Equal(1, Lookups(host).Count);
        Assert.Equal(2, Lookups(host).Prepared);
    }

    [Fact]
    public async Task A_kept_connection_that_broke_is_dropped_and_the_lookup_runs_once_more_on_a_fresh_one()
    {
        var breaker = new ConnectionBreaker();
        using var host = new TestHost(services => services.ConfigureDbContext<TestDbContext>(o => o.AddInterceptors(breaker)), Uncached(), fileDatabase: true);
        var id = await host.CreateUserAsync();
        var key = await CreateKeyAsync(host, id);
        Assert.Equal(id, (await FindAsync(host, key))!.Id);
        var kept = breaker.LastConnection;

        breaker.Armed = true;
        host.Commands.Count = 0;
        Assert.Equal(id, (await FindAsync(host, key))!.Id);

        Assert.False(breaker.Armed);
        Assert.Equal(2, host.Commands.Count);
        Assert.NotSame(kept, breaker.LastConnection);
        Assert.Equal(1, Lookups(host).Count);
        Assert.Equal(1, Lookups(host).Prepared);
    }

    [Fact]
    public async Task A_pooled_connection_that_broke_under_a_new_kept_context_is_dropped_and_the_lookup_runs_once_more()
    {
        var breaker = new ConnectionBreaker();
        using var host = new TestHost(services => services.ConfigureDbContext<TestDbContext>(o => o.AddInterceptors(breaker)), Uncached(), fileDatabase: true);
        var id = await host.CreateUserAsync();
        var key = await CreateKeyAsync(host, id);

        // The first lookup opens the first kept context, and its connection breaks before the query runs.
        breaker.Armed = true;
        host.Commands.Count = 0;

        Assert.Equal(id, (await FindAsync(host, key))!.Id);

        Assert.False(breaker.Armed);
        Assert.Equal(2, host.Commands.Count);
        Assert.Equal(1, Lookups(host).Count);
    }

    [Fact]
    public async Task A_lookup_that_fails_on_an_open_connection_fails_once_as_it_is()
    {
        using var host = new TestHost(settings: Uncached(), fileDatabase: true);
        var id = await host.CreateUserAsync();
        var key = await CreateKeyAsync(host, id);
        Assert.Equal(id, (await FindAsync(host, key))!.Id);
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.ExecuteSqlRawAsync("DROP TABLE \"" + DjoserModelBuilderExtensions.AuthTokenTable + "\"");
        }

        host.Commands.Count = 0;
        var failure = await Assert.ThrowsAsync<SqliteException>(() => FindAsync(host, key));

        Assert.Equal("MissingSchema", DjoserDatabaseFaults.Classify(failure).ToString());
        Assert.Equal(1, host.Commands.Count);
        Assert.Equal(0, Lookups(host).Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task The_lookup_runs_with_djosers_command_timeout(int connections)
    {
        var breaker = new ConnectionBreaker();
        var settings = Uncached(connections);
        settings["Djoser:Database:CommandTimeout"] = "00:00:07";
        using var host = new TestHost(services => services.ConfigureDbContext<TestDbContext>(o => o.AddInterceptors(breaker)), settings, fileDatabase: true);
        var id = await host.CreateUserAsync();
        var key = await CreateKeyAsync(host, id);

        Assert.Equal(id, (await FindAsync(host, key))!.Id);

        Assert.Equal(7, breaker.LastTimeout);
    }

    [Fact]
    public async Task Disposing_the_application_closes_the_kept_connections()
    {
        var breaker = new ConnectionBreaker();
        var host = new TestHost(services => services.ConfigureDbContext<TestDbContext>(o => o.AddInterceptors(breaker)), Uncached(), fileDatabase: true);
        var id = await host.CreateUserAsync();
        var key = await CreateKeyAsync(host, id);
        Assert.Equal(id, (await FindAsync(host, key))!.Id);
        Assert.Equal(ConnectionState.Open, breaker.LastConnection!.State);
        var lookups = Lookups(host);

        host.Dispose();

        Assert.Equal(ConnectionState.Closed, breaker.LastConnection.State);
        Assert.Equal(0, lookups.Count);
    }

    [Fact]
    public async Task A_kept_context_no_lookup_used_for_the_idle_lifetime_is_closed()
    {
        var breaker = new ConnectionBreaker();
        using var host = new TestHost(services => services.ConfigureDbContext<TestDbContext>(o => o.AddInterceptors(breaker)), Uncached(), fileDatabase: true);
        var id = await host.CreateUserAsync();
        var key = await CreateKeyAsync(host, id);
        Assert.Equal(id, (await FindAsync(host, key))!.Id);
        var first = breaker.LastConnection!;

        // Used again before the first check: kept.
        host.Time.Advance(DjoserLookupContexts<TestDbContext>.IdleLifetime - TimeSpan.FromSeconds(10));
        Assert.Equal(id, (await FindAsync(host, key))!.Id);
        host.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, Lookups(host).Count);
        Assert.Equal(ConnectionState.Open, first.State);

        // Then idle for a whole lifetime: closed at the next check, and the next lookup opens a fresh one.
        host.Time.Advance(DjoserLookupContexts<TestDbContext>.IdleLifetime);
        Assert.Equal(0, Lookups(host).Count);
        Assert.Equal(ConnectionState.Closed, first.State);
        Assert.Equal(id, (await FindAsync(host, key))!.Id);
        Assert.Equal(1, Lookups(host).Count);
    }

    [Fact]
    public async Task With_no_lookup_connections_every_lookup_runs_on_the_request_context()
    {
        using var host = new TestHost(settings: Uncached(connections: 0), fileDatabase: true);
        var id = await host.CreateUserAsync();
        var key = await CreateKeyAsync(host, id);

        Assert.Equal(id, (await FindAsync(host, key))!.Id);
        Assert.Equal(id, (await FindAsync(host, key))!.Id);

        Assert.Equal(0, Lookups(host).Count);
    }

    [Fact]
    public async Task Commands_outside_a_kept_lookup_are_left_to_EF()
    {
        // The in-memory host shares one connection between every context, kept ones included.
        using var host = new TestHost(settings: Uncached());
        var id = await host.CreateUserAsync();
        var key = await CreateKeyAsync(host, id);
        Assert.Equal(id, (await FindAsync(host, key))!.Id);

        await using var scope = host.Scope();
        var context = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, await context.Set<DjoserAuthToken<IdentityUser, string>>().CountAsync());
        }

        Assert.Equal(1, Lookups(host).Prepared);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(257)]
    public void Validate_LookupConnectionsOutOfRange_FailsNamingTheKey(int connections)
    {
        var result = new DjoserDatabaseOptionsValidator().Validate(null, new DjoserOptions { Database = { LookupConnections = connections } });

        Assert.True(result.Failed);
        Assert.Contains("Djoser:Database:LookupConnections", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultLookupConnections_Succeeds()
    {
        Assert.Equal(1, new DjoserOptions().Database.LookupConnections);
        Assert.True(new DjoserDatabaseOptionsValidator().Validate(null, new DjoserOptions { Database = { LookupConnections = 0 } }).Succeeded);
    }

    /// <summary>Remembers the connection of the last token lookup and, when armed, closes it before the lookup runs.</summary>
    private sealed class ConnectionBreaker : DbCommandInterceptor
    {
        public bool Armed { get; set; }

        public DbConnection? LastConnection { get; private set; }

        public int LastTimeout { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains(DjoserModelBuilderExtensions.AuthTokenTable, StringComparison.Ordinal) && command.CommandText.Contains("KeyHash", StringComparison.Ordinal))
            {
                LastConnection = command.Connection;
                LastTimeout = command.CommandTimeout;
                if (Armed)
                {
                    Armed = false;
                    await command.Connection!.CloseAsync();
                }
            }

            return result;
        }
    }
}
