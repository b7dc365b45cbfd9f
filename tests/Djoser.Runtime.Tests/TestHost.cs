using Djoser.Errors;
using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Data;
using Djoser.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using System.Data.Common;

namespace Djoser.Runtime.Tests;

/// <summary>An Identity context with djoser's tables, as generated code would configure it.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        DjoserModelBuilderExtensions.ApplyDjoserEntities<IdentityUser, string>(builder);
    }
}

/// <summary>A hand-written stand-in for the generated model of Identity's default user: username + e-mail.</summary>
public sealed class FakeUserModel : IDjoserUserModel<IdentityUser>
{
    public DjoserFieldInfo UsernameField { get; } = new("UserName", "username", "username");

    public IReadOnlyList<DjoserFieldInfo> RequiredFields { get; } = [new("Email", "email", "email address")];

    // Describing endpoints needs only types; these stand in for generated ones.
    public DjoserPayloadTypes PayloadTypes { get; } = new(typeof(IdentityUser), typeof(IdentityUser), typeof(IdentityUser), typeof(IdentityUser));

    public string? GetUsername(IdentityUser user) => user.UserName;

    public void SetUsername(IdentityUser user, string username) => user.UserName = username;

    public string? ReadUsername(DjoserRequestBody body, DjoserValidationErrors errors) =>
        body.ReadString("username", DjoserFieldRules.Required, errors, maxLength: 256).Value;

    public IEnumerable<KeyValuePair<string, string?>> GetSimilarityAttributes(IdentityUser user) =>
    [
        new("username", user.UserName),
        new("email address", user.Email),
    ];

    public void AddServices<TContext>(IServiceCollection services)
        where TContext : DbContext => throw new NotSupportedException();

    public void ConfigureModel(ModelBuilder modelBuilder) => DjoserModelBuilderExtensions.ApplyDjoserEntities<IdentityUser, string>(modelBuilder);

    public IDjoserRegistration<IdentityUser>? BindRegistration(DjoserRequestBody body, DjoserValidationErrors errors) => throw new NotSupportedException();

    public IDjoserUserUpdate<IdentityUser>? BindUpdate(DjoserRequestBody body, bool partial, DjoserValidationErrors errors) => throw new NotSupportedException();

    public IDjoserUsernameChange? BindSetUsername(DjoserRequestBody body, bool retype, DjoserValidationErrors errors) => throw new NotSupportedException();

    public IDjoserUsernameChange? BindNewUsername(DjoserRequestBody body, bool retype, DjoserValidationErrors errors) => throw new NotSupportedException();

    public System.Linq.Expressions.Expression<Func<IdentityUser, bool>>? MatchUserId(string routeValue) => user => user.Id == routeValue;

    public DjoserFieldInfo LoginField => UsernameField;

    public System.Linq.Expressions.Expression<Func<IdentityUser, bool>>? MatchLogin(string login) => null;

    public void WriteUser(System.Text.Json.Utf8JsonWriter writer, IdentityUser user, DjoserUserShape shape) => throw new NotSupportedException();
}

/// <summary>A model that behaves as <see cref="FakeUserModel"/> except where a test overrides a member.</summary>
public class DelegatingUserModel : IDjoserUserModel<IdentityUser>
{
    private readonly FakeUserModel _inner = new();

    public virtual DjoserFieldInfo UsernameField => _inner.UsernameField;

    public virtual IReadOnlyList<DjoserFieldInfo> RequiredFields => _inner.RequiredFields;

    public DjoserPayloadTypes PayloadTypes => _inner.PayloadTypes;

    public virtual DjoserFieldInfo LoginField => _inner.LoginField;

    public virtual System.Linq.Expressions.Expression<Func<IdentityUser, bool>>? MatchLogin(string login) => _inner.MatchLogin(login);

    public string? GetUsername(IdentityUser user) => _inner.GetUsername(user);

    public void SetUsername(IdentityUser user, string username) => _inner.SetUsername(user, username);

    public string? ReadUsername(DjoserRequestBody body, DjoserValidationErrors errors) => _inner.ReadUsername(body, errors);

    public IEnumerable<KeyValuePair<string, string?>> GetSimilarityAttributes(IdentityUser user) => _inner.GetSimilarityAttributes(user);

    public void AddServices<TContext>(IServiceCollection services)
        where TContext : DbContext => _inner.AddServices<TContext>(services);

    public void ConfigureModel(ModelBuilder modelBuilder) => _inner.ConfigureModel(modelBuilder);

    public IDjoserRegistration<IdentityUser>? BindRegistration(DjoserRequestBody body, DjoserValidationErrors errors) => _inner.BindRegistration(body, errors);

    public IDjoserUserUpdate<IdentityUser>? BindUpdate(DjoserRequestBody body, bool partial, DjoserValidationErrors errors) => _inner.BindUpdate(body, partial, errors);

    public IDjoserUsernameChange? BindSetUsername(DjoserRequestBody body, bool retype, DjoserValidationErrors errors) => _inner.BindSetUsername(body, retype, errors);

    public IDjoserUsernameChange? BindNewUsername(DjoserRequestBody body, bool retype, DjoserValidationErrors errors) => _inner.BindNewUsername(body, retype, errors);

    public System.Linq.Expressions.Expression<Func<IdentityUser, bool>>? MatchUserId(string routeValue) => _inner.MatchUserId(routeValue);

    public void WriteUser(System.Text.Json.Utf8JsonWriter writer, IdentityUser user, DjoserUserShape shape) => _inner.WriteUser(writer, user, shape);
}

/// <summary>Counts the SQL commands a context sends.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    public int Count { get; set; }

    public List<string> Commands { get; } = [];

    /// <summary>Runs once before the next command whose text starts with <see cref="Hook"/>'s prefix (e.g. to stage a race).</summary>
    public (string Prefix, Func<Task> Run)? Hook { get; set; }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await CountAsync(command);
        return await base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await CountAsync(command);
        return await base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private async Task CountAsync(DbCommand command)
    {
        Count++;
        Commands.Add(command.CommandText);
        if (Hook is { } hook && command.CommandText.StartsWith(hook.Prefix, StringComparison.Ordinal))
        {
            Hook = null;
            await hook.Run();
        }
    }
}

/// <summary>
/// djoser's runtime services over in-memory SQLite (or, with <c>fileDatabase</c>, a SQLite file with a pool of
/// connections, as an application has), a fake clock and a temporary pickup directory.
/// </summary>
public sealed class TestHost : IDisposable
{
    private readonly SqliteConnection? _connection;
    private readonly string? _databaseFile;

    public TestHost(Action<IServiceCollection>? configure = null, Dictionary<string, string?>? settings = null, bool fileDatabase = false)
    {
        PickupDirectory = Path.Combine(Path.GetTempPath(), "djoser-tests-" + Guid.NewGuid().ToString("N"));
        if (fileDatabase)
        {
            Directory.CreateDirectory(PickupDirectory);
            _databaseFile = Path.Combine(PickupDirectory, "test.db");
        }
        else
        {
            _connection = new SqliteConnection("Data Source=:memory:");
            _connection.Open();
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Djoser:PasswordResetConfirmUrl"] = "#/password/reset/confirm/{uid}/{token}",
                ["Djoser:Email:PickupDirectory"] = PickupDirectory,
                ["Djoser:Email:From"] = "webmaster@example.com",
                ["Djoser:Domain"] = "example.com",
            })
            .AddInMemoryCollection(settings ?? [])
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(Commands);
        services.AddDbContext<TestDbContext>(o =>
        {
            if (_connection is not null)
            {
                o.UseSqlite(_connection);
            }
            else
            {
                o.UseSqlite($"Data Source={_databaseFile}");
            }

            o.AddInterceptors(Commands);
        });
        services.AddSingleton<TimeProvider>(Time);
        configure?.Invoke(services);
        DjoserServiceCollectionExtensions.AddDjoserCore<IdentityUser, string, TestDbContext>(services, new FakeUserModel());
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = false });

        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreated();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public CommandCounter Commands { get; } = new();

    public ServiceProvider Services { get; }

    public string PickupDirectory { get; }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>Creates a user through Identity (hashed password, security stamp) in its own scope and returns its id.</summary>
    public async Task<string> CreateUserAsync(string userName = "ann", string email = "ann@example.com", string password = "s3cret-Pa55word")
    {
        await using var scope = Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = userName, Email = email };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    public void Dispose()
    {
        Services.Dispose();
        _connection?.Dispose();
        if (_databaseFile is not null)
        {
            // The file's pooled connections stay open after the provider is gone.
            SqliteConnection.ClearPool(new SqliteConnection($"Data Source={_databaseFile}"));
        }

        if (Directory.Exists(PickupDirectory))
        {
            Directory.Delete(PickupDirectory, recursive: true);
        }
    }
}
