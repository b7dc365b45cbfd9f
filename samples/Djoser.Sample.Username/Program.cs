using Djoser;
using Djoser.Configuration;
using Djoser.Endpoints;
using Djoser.Samples;
using Djoser.Sample.Username;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;
using Microsoft.Extensions.Options;
using System.Runtime.CompilerServices;

var builder = WebApplication.CreateBuilder(args);

// Database:Provider picks SQLite (the default) or PostgreSQL; data-protection keys and /healthz/ready use it too.
var database = builder.AddSampleDatabase<AppDbContext, PostgresAppDbContext>();
builder.Services.AddDjoser<AppUser, AppDbContext>();
// Several instances behind a load balancer: ConnectionStrings:Redis makes logouts effective on every instance at
// once (the authentication cache checks a revocation version in Redis) and shares the throttle counts.
if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
{
    AddRedis(builder.Services);
}
// djoser describes its endpoints in the application's own document; it never adds one by itself.
builder.Services.AddOpenApi(options =>
{
    options.AddDjoser();

    // Paths are relative to wherever the document is served from, so it names no host.
    options.AddDocumentTransformer((document, _, _) =>
    {
        document.Servers = [];
        return Task.CompletedTask;
    });
});

var app = builder.Build();

// Development has ASP.NET's exception page; anywhere else an unhandled exception (there should be none) answers DRF's
// bare JSON 500, rest_framework.exceptions.server_error's body, naming nothing of the request or the exception.
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler(errors => errors.Run(context =>
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("""{"error": "Server Error (500)"}""");
    }));
}

// `dotnet run -- migrate` applies the migrations and exits; otherwise they are applied here unless
// Database:MigrateAtStart is false (a deployment that migrates once, before it starts instances).
if (await app.MigrateSampleDatabaseAsync<AppDbContext>(args))
{
    app.Logger.LogInformation("Database migrated: {Database}", SampleDatabase.Describe(database, app.Configuration.GetConnectionString("Default")!));
    return;
}

app.MapDjoser("/auth");
app.MapSampleHealthChecks();
app.MapOpenApi();
if (app.Environment.IsDevelopment())
{
    MapScalar(app);
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    var options = app.Services.GetRequiredService<IOptions<DjoserOptions>>().Value;
    app.Logger.LogInformation("Djoser username sample (layout {Layout}) listening on {Addresses}; endpoints under /auth/",
        options.UrlLayout, string.Join(", ", addresses));
    app.Logger.LogInformation("Database: {Database}", SampleDatabase.Describe(database, app.Configuration.GetConnectionString("Default")!));
});

await app.RunAsync();

// Methods of their own: the JIT loads the assemblies a method calls into when it compiles that method, so Redis's and
// Scalar's load only when they are used, not with Main in every start (issue 13).
[MethodImpl(MethodImplOptions.NoInlining)]
static void AddRedis(IServiceCollection services) => services.AddDjoserRedis();

[MethodImpl(MethodImplOptions.NoInlining)]
static void MapScalar(WebApplication app) => app.MapScalarApiReference();
