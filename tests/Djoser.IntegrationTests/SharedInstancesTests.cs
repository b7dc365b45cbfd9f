using System.Net;
using System.Text.RegularExpressions;
using Djoser.Sample;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests;

/// <summary>
/// Two instances of the sample on one database (this run's provider: a SQLite file, or PostgreSQL in the PostgreSQL
/// pass), as behind a load balancer: the data-protection keys are in the database, so each accepts the other's
/// e-mailed links and auth tokens. A third instance with another
/// <c>Djoser:DataProtection:ApplicationName</c> shows why that setting must match.
/// </summary>
public sealed class SharedInstancesTests
{
    [Fact]
    public async Task TwoInstances_AcceptEachOthersLinksAndTokens()
    {
        using var database = TestDatabase.CreateShared();
        using var a = DjoserApp.OnSharedDatabase(database);
        using var b = DjoserApp.OnSharedDatabase(database);
        var clientA = a.CreateDjoserClient();
        var email = $"user-{Guid.NewGuid():N}@example.com";

        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(clientA, email)).Status);
        var (uid, token) = ActivationLink(a, email);
        // B starts once A's link is signed, so A's key is in the database: started together, each would load an empty
        // key ring at the same moment and make a key of its own (the framework has no lock there; both keys would work).
        var clientB = b.CreateDjoserClient();
        Assert.Empty(b.Emails);

        (await clientB.PostJsonAsync("/auth/users/activate/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);

        var login = await clientA.PostJsonAsync("/auth/token/create/", new { email, password = DjoserTestBase.Password });
        Assert.Equal(HttpStatusCode.OK, login.Status);
        var authToken = login.Json!["auth_token"]!.GetValue<string>();
        var me = await clientB.GetAsync("/auth/me/", authToken);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(email, me.Json!["email"]!.GetValue<string>());

        // B found A's key in the database rather than making one of its own.
        Assert.Equal(1, await KeyCountAsync(b));

        // The control: an instance whose key ring has another name reads the same keys but not A's links.
        var second = $"user-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(clientA, second)).Status);
        var (secondUid, secondToken) = ActivationLink(a, second);
        using var other = DjoserApp.OnSharedDatabase(database, new Dictionary<string, string?> { ["Djoser:DataProtection:ApplicationName"] = "another-app" });
        (await other.CreateDjoserClient().PostJsonAsync("/auth/users/activate/", new { uid = secondUid, token = secondToken }))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}""");
        (await clientB.PostJsonAsync("/auth/users/activate/", new { uid = secondUid, token = secondToken })).IsEmpty(HttpStatusCode.NoContent);

        a.AssertNoServerErrors();
        b.AssertNoServerErrors();
        other.AssertNoServerErrors();
    }

    internal static Task<DjoserResponse> RegisterAsync(DjoserClient client, string email) =>
        client.PostJsonAsync("/auth/users/create/", new Dictionary<string, string>
        {
            ["email"] = email,
            ["first_name"] = "Ann",
            ["last_name"] = "Lee",
            ["password"] = DjoserTestBase.Password,
        });

    /// <summary>The uid and token of the activation link in the newest e-mail <paramref name="app"/> wrote to <paramref name="email"/>.</summary>
    internal static (string Uid, string Token) ActivationLink(DjoserApp app, string email)
    {
        var message = app.Emails.Last(m => m.To.Mailboxes.Any(box => box.Address == email));
        var match = Regex.Match(message.TextBody ?? string.Empty, "#/activate/([A-Za-z0-9_-]+)/([A-Za-z0-9_.-]+)");
        Assert.True(match.Success, $"No #/activate/<uid>/<token> link in: {message.TextBody}");
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    internal static async Task<int> KeyCountAsync(DjoserApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.CountAsync();
    }
}
