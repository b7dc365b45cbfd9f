using Microsoft.AspNetCore.Identity;

namespace Djoser.Endpoints.Benchmarks;

/// <summary>Recreates the database and adds one active user per API under test.</summary>
internal static class Seeding
{
    /// <summary>The user the djoser requests authenticate as.</summary>
    public const string DjoserEmail = "djoser@bench.invalid";

    /// <summary>The user the Identity requests authenticate as.</summary>
    public const string IdentityEmail = "identity@bench.invalid";

    /// <summary>The password of both (passes Django's validators and Identity's defaults).</summary>
    public const string DefaultPassword = "Quartz-Meadow-7-Lantern";

    public static async Task ResetDatabaseAsync(IServiceProvider services, IConfiguration bench)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        await db.Database.EnsureDeletedAsync();
        await db.Database.EnsureCreatedAsync();

        var password = bench["Password"] ?? DefaultPassword;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BenchUser>>();
        foreach (var email in new[] { DjoserEmail, IdentityEmail })
        {
            // djoser's is_active is EmailConfirmed; Identity's login does not require it but /manage/info reports it.
            var user = new BenchUser { UserName = email, Email = email, EmailConfirmed = true };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Seeding {email} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
        }
    }
}
