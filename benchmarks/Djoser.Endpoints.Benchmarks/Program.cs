using Djoser;
using Djoser.Endpoints;
using Djoser.Endpoints.Benchmarks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

// One process serves both APIs under test over one SQLite file and one user table:
//   djoser:   GET /auth/me/               Authorization: Token <40 hex>   (DRF token, hashed, one indexed query)
//   Identity: GET /identity/manage/info   Authorization: Bearer <token>   (MapIdentityApi's data-protected bearer token)
var builder = WebApplication.CreateBuilder(args);
var bench = builder.Configuration.GetSection("Benchmark");
var database = Path.GetFullPath(bench["Database"] ?? "bench.db");
var logSql = bench.GetValue("LogSql", false);

// Keys live next to the database (a fresh ring per run), not in the user's profile.
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetDirectoryName(database)!, "keys")));

// The same DbContext registration serves both APIs: AddDbContextPool, as the samples register it;
// --Benchmark:DbContextPool=false (run.sh's DBCONTEXT_POOL=0) measures the plain AddDbContext instead.
// Benchmark:Provider=Postgres (run.sh's DATABASE=Postgres) takes Benchmark:ConnectionString instead.
var postgres = string.Equals(bench["Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
var connectionString = postgres
    ? bench["ConnectionString"] ?? throw new InvalidOperationException("Benchmark:Provider=Postgres needs Benchmark:ConnectionString.")
    : $"Data Source={database};Pooling=True";
void ConfigureDb(DbContextOptionsBuilder options)
{
    if (postgres)
    {
        options.UseNpgsql(connectionString);
    }
    else
    {
        options.UseSqlite(connectionString);
    }

    if (logSql)
    {
        // Profiling aid: every SQL command with its duration, to see what each request runs.
        options.LogTo(Console.WriteLine, [RelationalEventId.CommandExecuted]);
    }
}

if (bench.GetValue("DbContextPool", true))
{
    builder.Services.AddDbContextPool<BenchDbContext>(ConfigureDb);
}
else
{
    builder.Services.AddDbContext<BenchDbContext>(ConfigureDb);
}

// djoser: AddIdentityCore<BenchUser>().AddEntityFrameworkStores<BenchDbContext>() plus the "DjoserToken" scheme.
// Identity's API on the same IdentityBuilder: AddApiEndpoints() adds the SignInManager, the default token providers
// and the e-mail sender MapIdentityApi needs. AddIdentityApiEndpoints<TUser>() is NOT used: it would call
// AddIdentityCore a second time and make Identity's composite "Identity.BearerAndApplication" scheme (bearer +
// cookies) the default scheme of every request, djoser's included.
// djoser's token lookup is cached for Djoser:AuthTokenCacheDuration (library default 5 s); run.sh's AUTH_CACHE=0
// passes --Djoser:AuthTokenCacheDuration=00:00:00 to measure the uncached path (one query per request).
builder.Services.AddDjoser<BenchUser, BenchDbContext>().AddApiEndpoints();

// instances.sh: with ConnectionStrings:Redis each instance checks revocations in Redis (Djoser.Gen.Redis).
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 })
{
    builder.Services.AddDjoserRedis();
}

// The bearer scheme MapIdentityApi's /login signs in to. No default scheme is set, so the authentication middleware
// authenticates nothing by itself and djoser's requests never run the bearer handler. Instead Identity's endpoints
// (which call RequireAuthorization() with the default policy) get a default policy naming the bearer scheme: the
// authorization middleware authenticates exactly that scheme for them, and only for them.
builder.Services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme);
builder.Services.AddAuthorizationBuilder()
    .SetDefaultPolicy(new AuthorizationPolicyBuilder(IdentityConstants.BearerScheme).RequireAuthenticatedUser().Build());

var app = builder.Build();

// The second instance of instances.sh joins the first one's database rather than recreating it.
if (bench.GetValue("Seed", true))
{
    await Seeding.ResetDatabaseAsync(app.Services, bench);
}

app.MapDjoser("/auth");
app.MapGroup("/identity").MapIdentityApi<BenchUser>();
app.MapGet("/bench/profile", Profiling.RunAsync);
// The ceiling of the authenticated GETs: the same Kestrel, routing and JSON writing, no authentication, no database.
app.MapGet("/bench/bare", () => Results.Json(new BareAnswer(1, "bare@bench.invalid")));
// The ceiling of login and registration: the password hash's own cost, measured in this process.
app.MapGet("/bench/hash", PasswordHashTiming.RunAsync);
// The bytes this process has allocated so far: read before and after a wrk run, over its requests, what one costs the GC.
app.MapGet("/bench/allocated", () => Results.Text(GC.GetTotalAllocatedBytes(precise: true).ToString(System.Globalization.CultureInfo.InvariantCulture)));

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    var address = addresses.FirstOrDefault() ?? "";
    if (bench["AddressFile"] is { Length: > 0 } addressFile)
    {
        File.WriteAllText(addressFile, address);
    }

    Console.WriteLine($"Listening on {address}; database {database}");
});

await app.RunAsync();

/// <summary>The bare endpoint's answer, about the size of <c>GET /auth/me/</c>'s.</summary>
internal sealed record BareAnswer(int Id, string Email);
