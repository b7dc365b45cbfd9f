using Djoser;
using Djoser.Endpoints;
using Microsoft.EntityFrameworkCore;
using MyApp;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDbContextPool<AppDbContext>(options =>
    options.UseSqlite(builder.Configuration.GetConnectionString("Default")));
builder.Services.AddDjoser<AppUser, AppDbContext>(); // Identity core, token authentication, options, validators, e-mail

var app = builder.Build();

// Brings the database up to the latest migration at start; without this, run `dotnet ef database update`.
await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
}

app.MapDjoser("/auth"); // any prefix; returns the route group

app.Run();
