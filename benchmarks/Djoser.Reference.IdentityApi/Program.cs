using Djoser.Reference.IdentityApi;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

// ASP.NET Core Identity's own account API, set up the way samples/Djoser.Sample sets up djoser: SQLite by
// ConnectionStrings:Default, AddDbContextPool, the database migrated before the app listens.
//   POST /identity/register, POST /identity/login, GET /identity/manage/info (Authorization: Bearer <accessToken>)
var builder = WebApplication.CreateBuilder(args);

// Database:Provider=Postgres (run.sh's DATABASE=Postgres) as the samples read it; SQLite otherwise.
var connectionString = builder.Configuration.GetConnectionString("Default");
// As the samples: outside Development, EF does not compare the model with the last migration's snapshot whenever it
// migrates (PendingModelChangesWarning), which costs a model build and a diff at every start that migrates.
// Database:CheckModelChanges=true keeps EF's default check, as the README's app (which migrates as EF does) has it.
var checkModelChanges = builder.Configuration.GetValue("Database:CheckModelChanges", builder.Environment.IsDevelopment());
if (string.Equals(builder.Configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
{
    builder.Services.AddDbContextPool<ReferenceDbContext, PostgresReferenceDbContext>(options => MigrationChecks(options.UseNpgsql(connectionString)));
}
else
{
    builder.Services.AddDbContextPool<ReferenceDbContext>(options => MigrationChecks(options.UseSqlite(connectionString)));
}
builder.Services.AddIdentityApiEndpoints<IdentityUser>().AddEntityFrameworkStores<ReferenceDbContext>();
builder.Services.AddAuthorization();

var app = builder.Build();

// As the samples do: `migrate` applies the schema and exits; otherwise it is applied at start unless
// Database:MigrateAtStart is false (run.sh measures both kinds of start).
var migrateOnly = args.Contains("migrate", StringComparer.Ordinal);
if (migrateOnly || app.Configuration.GetValue("Database:MigrateAtStart", true))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<ReferenceDbContext>().Database.MigrateAsync();
}

if (migrateOnly)
{
    return;
}

app.MapGroup("/identity").MapIdentityApi<IdentityUser>();

await app.RunAsync();

DbContextOptionsBuilder MigrationChecks(DbContextOptionsBuilder options) =>
    checkModelChanges ? options : options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
