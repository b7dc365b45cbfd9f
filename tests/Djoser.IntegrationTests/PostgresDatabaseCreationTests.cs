using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>
/// The samples create a missing PostgreSQL database at a migrating start themselves (issue 13: EF's creator would
/// build the design-time model for it), then migrate it as EF would have.
/// </summary>
public sealed class PostgresDatabaseCreationTests
{
    [PostgresFact]
    public async Task Start_DatabaseMissing_CreatesAndMigratesIt()
    {
        using var database = TestDatabase.MissingPostgres();
        Assert.False(database.ExistsOnServer());

        await using (var app = DjoserApp.OnSharedDatabase(database))
        {
            var client = new DjoserClient(app.CreateClient());
            var register = await client.PostJsonAsync("/auth/users/create/", new { email = "new@example.com", password = "correct-Horse-42", first_name = "New", last_name = "Base" });
            Assert.True(register.Status == HttpStatusCode.Created, $"Expected 201 but got {(int)register.Status}: {register.Body}");
        }

        Assert.True(database.ExistsOnServer());

        // A second start finds it, and its migrations applied.
        await using (var again = DjoserApp.OnSharedDatabase(database))
        {
            var client = new DjoserClient(again.CreateClient());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).Status);
        }
    }
}
