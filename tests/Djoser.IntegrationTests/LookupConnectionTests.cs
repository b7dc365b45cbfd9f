using System.Net;
using Npgsql;

namespace Djoser.IntegrationTests;

/// <summary>
/// The token lookup's kept connections (issue 13): concurrent misses share queries and each still answers its own
/// user; on PostgreSQL, a connection the server ends while it is kept is replaced within the request, which never sees
/// it.
/// </summary>
public sealed class LookupConnectionTests(LookupConnectionTests.UncachedApp app) : DjoserTestBase(app), IClassFixture<LookupConnectionTests.UncachedApp>
{
    [PostgresFact]
    public async Task GetMe_KeptConnectionEndedByTheServer_Still200()
    {
        var (email, token) = await ActiveUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/auth/me/", token)).Status);

        // Every other session of the test database ends: the kept lookup connection and the pool's alike.
        var builder = new NpgsqlConnectionStringBuilder(App.Database.ConnectionString) { Pooling = false };
        await using (var admin = new NpgsqlConnection(builder.ConnectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
            Assert.True((long)(await terminate.ExecuteScalarAsync())! >= 1);
        }

        var me = await Client.GetAsync("/auth/me/", token);
        Assert.True(me.Status == HttpStatusCode.OK, $"Expected 200 but got {(int)me.Status}: {me.Body}");
        Assert.Equal(email, me.Json!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetMe_ManyConcurrentUncachedRequests_EachAnswersItsOwnUser()
    {
        // Concurrent misses share queries (several key hashes in one): each request must still get its own token's user.
        var users = new List<(string Email, string Token)>();
        for (var i = 0; i < 6; i++)
        {
            users.Add(await ActiveUserAsync());
        }

        var requests = Enumerable.Range(0, 96).Select(i => users[i % users.Count]).ToArray();
        var answers = await Task.WhenAll(requests.Select(user => Client.GetAsync("/auth/me/", user.Token)));

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.True(answers[i].Status == HttpStatusCode.OK, $"Expected 200 but got {(int)answers[i].Status}: {answers[i].Body}");
            Assert.Equal(requests[i].Email, answers[i].Json!["email"]!.GetValue<string>());
        }

        var unknown = await Client.GetAsync("/auth/me/", new string('0', 40));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
    }

    /// <summary>The sample with the token cache off: every authenticated request runs the lookup.</summary>
    public sealed class UncachedApp() : DjoserApp(new Dictionary<string, string?> { ["Djoser:AuthTokenCacheDuration"] = "00:00:00" });
}
