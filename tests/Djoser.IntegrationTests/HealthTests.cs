using System.Net;

namespace Djoser.IntegrationTests;

/// <summary><c>/healthz</c> (liveness: the process answers) and <c>/healthz/ready</c> (the database answers) in both samples.</summary>
public sealed class HealthTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/healthz/ready")]
    public async Task Health_DatabaseUp_IsHealthy(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Healthy", response.Body);
    }

    [Fact]
    public async Task Health_UsernameSample_IsHealthy()
    {
        using var username = new UsernameSampleApp();
        var client = username.CreateDjoserClient();
        Assert.Equal("Healthy", (await client.GetAsync("/healthz")).Body);
        Assert.Equal("Healthy", (await client.GetAsync("/healthz/ready")).Body);
    }

    [PostgresFact]
    public async Task Health_DatabaseGone_ReadyIs503AndLivenessStays200()
    {
        var database = TestDatabase.CreatePostgres();
        using var gone = DjoserApp.OnSharedDatabase(database);
        var client = gone.CreateDjoserClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).Status);

        database.Dispose();
        // DjoserClient refuses 5xx answers, so the 503 is read from the HttpClient beneath it.
        using (var ready = await client.Http.GetAsync("/healthz/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).Status);
        // The 503 was the point: take it off the record the fixture checks.
        gone.Responses.Clear();
    }
}
