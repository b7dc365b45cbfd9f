using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Djoser.Data;
using Djoser.Sample;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests;

/// <summary>
/// Database faults injected below EF (a command interceptor throwing the provider's exceptions): every endpoint answers
/// 503 <c>{"detail": "Service temporarily unavailable."}</c>, saves nothing half-way, tells a duplicate apart from other
/// update errors, and recovers once the database does (issue 11).
/// </summary>
public sealed class DatabaseFaultTests(DatabaseFaultTests.FaultApp app) : IClassFixture<DatabaseFaultTests.FaultApp>, IDisposable
{
    private const string Password = DjoserTestBase.Password;
    private const string Unavailable = """{"detail":"Service temporarily unavailable."}""";
    private readonly DjoserClient _client = new(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
    {
        AllowsServiceUnavailable = true,
    };

    public void Dispose()
    {
        app.Faults.Fault = null;

        // 503 is the answer under test; anything else of 500 or more still fails.
        var errors = new List<string>();
        while (app.Responses.TryDequeue(out var response))
        {
            if (response.Status >= StatusCodes.Status500InternalServerError && response.Status != StatusCodes.Status503ServiceUnavailable)
            {
                errors.Add($"{response.Request} answered {response.Status}");
            }
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnyEndpoint_DatabaseLocked_Returns503QuicklyAndRecovers()
    {
        var email = NewEmail();
        var token = await ActiveUserTokenAsync(email);
        app.Faults.Fault = _ => Locked();

        var watch = Stopwatch.StartNew();
        (await Login(email)).Is(HttpStatusCode.ServiceUnavailable, Unavailable);
        // An authentication that cannot read its token is a 503 too, not a 401 blaming the credentials.
        (await _client.GetAsync("/auth/me/", token)).Is(HttpStatusCode.ServiceUnavailable, Unavailable);
        (await _client.PostJsonAsync("/auth/password/reset/", new { email })).Is(HttpStatusCode.ServiceUnavailable, Unavailable);
        (await Register(NewEmail())).Is(HttpStatusCode.ServiceUnavailable, Unavailable);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"The 503s took {watch.Elapsed}.");

        app.Faults.Fault = null;
        Assert.Equal(HttpStatusCode.OK, (await Login(email)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/auth/me/", token)).Status);
    }

    [Fact]
    public async Task Register_FailingAtTheOutboxRow_Returns503AndSavesNoUser()
    {
        var email = NewEmail();
        app.Faults.Fault = command => command.CommandText.Contains("DjoserOutbox", StringComparison.Ordinal)
            && command.CommandText.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) ? Locked() : null;

        (await Register(email)).Is(HttpStatusCode.ServiceUnavailable, Unavailable);
        Assert.False(await UserExistsAsync(email));

        app.Faults.Fault = null;
        Assert.Equal(HttpStatusCode.Created, (await Register(email)).Status);
        Assert.True(await UserExistsAsync(email));
    }

    [Fact]
    public async Task Register_UniqueViolationAtInsert_Returns400NotTakenFor503()
    {
        app.Faults.Fault = command => IsUserInsert(command)
            ? new SqliteException("SQLite Error 19: 'UNIQUE constraint failed: AspNetUsers.NormalizedUserName'.", 19, 2067)
            : null;

        (await Register(NewEmail())).Is(HttpStatusCode.BadRequest, """["Unable to create account."]""");
    }

    [Fact]
    public async Task Register_OtherUpdateErrorAtInsert_Returns503NotTakenForADuplicate()
    {
        var email = NewEmail();
        app.Faults.Fault = command => IsUserInsert(command) ? Locked() : null;

        (await Register(email)).Is(HttpStatusCode.ServiceUnavailable, Unavailable);
        Assert.False(await UserExistsAsync(email));
    }

    [Fact]
    public async Task Login_DatabaseNeverMigrated_Returns503()
    {
        app.Faults.Fault = _ => new SqliteException("SQLite Error 1: 'no such table: AspNetUsers'.", 1, 1);

        (await Login(NewEmail())).Is(HttpStatusCode.ServiceUnavailable, Unavailable);
    }

    [Fact]
    public async Task Requests_BoundEveryCommandByTheConfiguredTimeout()
    {
        app.Faults.Timeouts.Clear();
        await Login(NewEmail());

        // The outbox dispatcher's own passes are not the request's.
        var requests = app.Faults.Timeouts.Where(c => !c.Text.Contains("DjoserOutbox", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requests);
        Assert.All(requests, command => Assert.Equal(3, command.Timeout));
    }

    private static bool IsUserInsert(DbCommand command) =>
        command.CommandText.TrimStart().StartsWith("INSERT INTO \"AspNetUsers\"", StringComparison.Ordinal);

    private static SqliteException Locked() => new("SQLite Error 5: 'database is locked'.", 5, 5);

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    private Task<DjoserResponse> Register(string email) =>
        _client.PostJsonAsync("/auth/users/create/", new { email, first_name = "Ann", last_name = "Lee", password = Password });

    private Task<DjoserResponse> Login(string email) => _client.PostJsonAsync("/auth/token/create/", new { email, password = Password });

    private async Task<string> ActiveUserTokenAsync(string email)
    {
        Assert.Equal(HttpStatusCode.Created, (await Register(email)).Status);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(email);
            user!.EmailConfirmed = true;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        var login = await Login(email);
        Assert.Equal(HttpStatusCode.OK, login.Status);
        return login.Json!["auth_token"]!.GetValue<string>();
    }

    private async Task<bool> UserExistsAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(email) is not null;
    }

    /// <summary>The sample with <see cref="FaultInjector"/> on its context and a 3 s command timeout.</summary>
    public sealed class FaultApp() : DjoserApp(new Dictionary<string, string?>
    {
        ["Djoser:Database:CommandTimeout"] = "00:00:03",
        // The test host would run a delivery pass inside each request, outside the endpoint under test.
        ["Djoser:Email:Outbox:RunDispatcher"] = "false",
    })
    {
        public FaultInjector Faults { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(Faults));
                services.ConfigureDbContext<PostgresAppDbContext>(options => options.AddInterceptors(Faults));
            });
        }
    }

    /// <summary>Throws what <see cref="Fault"/> returns for a command, as the provider would; records each command's timeout.</summary>
    public sealed class FaultInjector : DbCommandInterceptor
    {
        public volatile Func<DbCommand, Exception?>? Fault;

        public System.Collections.Concurrent.ConcurrentQueue<(string Text, int Timeout)> Timeouts { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Check(DbCommand command)
        {
            Timeouts.Enqueue((command.CommandText, command.CommandTimeout));
            if (Fault?.Invoke(command) is { } exception)
            {
                throw exception;
            }
        }
    }
}
