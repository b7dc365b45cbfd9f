using System.Diagnostics;
using System.Net;
using Djoser.Sample;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests;

/// <summary>
/// The link requests answer an unknown address as fast as a known one (issue 11): a statistical check over interleaved
/// samples with a generous bound, so it catches a path that does visibly more work (a transaction only for known
/// addresses) without failing on noise.
/// </summary>
public sealed class EnumerationTimingTests(EnumerationTimingTests.NoDispatchApp app) : DjoserTestBase(app), IClassFixture<EnumerationTimingTests.NoDispatchApp>
{
    private const int Samples = 200;

    [Fact]
    public Task ResetPassword_KnownAndUnknownAddress_TakeTheSameTime() => AssertSameTimeAsync("/auth/password/reset/", active: true);

    private async Task AssertSameTimeAsync(string path, bool active)
    {
        var known = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(known)).Status);
        if (active)
        {
            await using var scope = App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(known);
            user!.EmailConfirmed = true;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < Samples + 20; i++)
        {
            // Interleaved, so drift (other processes, the JIT, the database growing) touches both alike.
            var knownTime = await TimeAsync(path, known);
            var unknownTime = await TimeAsync(path, NewEmail());
            if (i >= 20)
            {
                knownTimes.Add(knownTime);
                unknownTimes.Add(unknownTime);
            }
        }

        var knownMedian = Median(knownTimes);
        var unknownMedian = Median(unknownTimes);
        Assert.True(
            knownMedian <= unknownMedian * 1.3 + 0.25,
            $"A known address took {knownMedian:F3} ms (median), an unknown one {unknownMedian:F3} ms.");
    }

    private async Task<double> TimeAsync(string path, string email)
    {
        var watch = Stopwatch.StartNew();
        var response = await Client.PostJsonAsync(path, new { email });
        watch.Stop();
        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Activation on, no dispatcher: delivery would run inside the timed request in the test host.</summary>
    public sealed class NoDispatchApp() : DjoserApp(new Dictionary<string, string?>
    {
        ["Djoser:SendActivationEmail"] = "true",
        ["Djoser:Email:Outbox:RunDispatcher"] = "false",
    });
}
