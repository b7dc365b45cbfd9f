using System.Net;
using Djoser.Sample;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests;

/// <summary>
/// Concurrent changes of one user (issue 11): every 2xx answered must be what the database holds afterwards. Each case
/// runs a fixed number of rounds of simultaneous requests and checks the database after every round.
/// </summary>
public sealed class ConcurrencyTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    private const int Rounds = 3;

    [Fact]
    public async Task SetPassword_ConcurrentCalls_OneWinsAndItsPasswordIsSaved()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (email, token) = await ActiveUserAsync();
            var passwords = Enumerable.Range(0, 8).Select(i => $"race-Secret-{round}-{i}").ToArray();
            var responses = await Task.WhenAll(passwords.Select(password =>
                Client.PostJsonAsync(Paths.SetPassword, new { new_password = password, current_password = Password }, token)));

            // All sent the same current password: once one has changed it, the others' is wrong.
            var winners = passwords.Where((_, i) => responses[i].Status == HttpStatusCode.NoContent).ToArray();
            var winner = Assert.Single(winners);
            Assert.All(responses.Where(r => r.Status != HttpStatusCode.NoContent), r =>
                r.Is(HttpStatusCode.BadRequest, """{"current_password":["Invalid password."]}"""));
            Assert.True(await PasswordIsAsync(email, winner));
            Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(email)).Status);
        }
    }

    [Fact]
    public async Task ResetPasswordConfirm_ConcurrentConfirmsOfOneLink_ConsumeItOnce()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (email, _) = await ActiveUserAsync();
            (await Client.PostJsonAsync(Paths.ResetPassword, new { email })).IsEmpty(HttpStatusCode.NoContent);
            var (uid, token) = LinkIn(email, "password/reset/confirm");
            var passwords = Enumerable.Range(0, 8).Select(i => $"reset-Secret-{round}-{i}").ToArray();
            var responses = await Task.WhenAll(passwords.Select(password =>
                Client.PostJsonAsync(Paths.ResetPasswordConfirm, new { uid, token, new_password = password })));

            var winner = Assert.Single(passwords.Where((_, i) => responses[i].Status == HttpStatusCode.NoContent));
            Assert.All(responses.Where(r => r.Status != HttpStatusCode.NoContent), r =>
                r.Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Invalid token for given user."]}"""));
            Assert.True(await PasswordIsAsync(email, winner));
        }
    }

    [Fact]
    public async Task Activate_ConcurrentConfirmsOfOneLink_ActivateOnce()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var email = NewEmail();
            Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).Status);
            var (uid, token) = LinkIn(email, "activate");
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.PostJsonAsync(Paths.Activate, new { uid, token })));

            Assert.Single(responses, r => r.Status == HttpStatusCode.NoContent);
            Assert.All(responses.Where(r => r.Status != HttpStatusCode.NoContent), r =>
                r.Is(HttpStatusCode.Forbidden, """{"detail":"Stale token for given user."}"""));
            await LoginTokenAsync(email);
        }
    }

    [Fact]
    public async Task Delete_RacingPatchOfMe_DeletedUserStaysDeleted()
    {
        for (var round = 0; round < Rounds * 2; round++)
        {
            var (email, token) = await ActiveUserAsync();
            var delete = Client.PostJsonAsync(Paths.Delete!, new { current_password = Password }, token);
            var patch = Client.SendJsonAsync(HttpMethod.Patch, Paths.Me, new { first_name = $"Patched{round}" }, token);
            await Task.WhenAll(delete, patch);
            var deleted = await delete;
            var patched = await patch;

            Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
            Assert.False(await UserExistsAsync(email));
            Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(email)).Status);

            // The patch either saved before the delete (200) or found nobody to change: never a 5xx or a 200 after.
            Assert.True(patched.Status is HttpStatusCode.OK or HttpStatusCode.Unauthorized, $"PATCH answered {patched.Status}: {patched.Body}");
        }
    }

    [Fact]
    public async Task PatchMe_ConcurrentCalls_LastWriteWins()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (email, token) = await ActiveUserAsync();
            var names = Enumerable.Range(0, 8).Select(i => $"Name{round}x{i}").ToArray();
            var responses = await Task.WhenAll(names.Select(name =>
                Client.SendJsonAsync(HttpMethod.Patch, Paths.Me, new { first_name = name }, token)));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
            Assert.Contains(await FirstNameAsync(email), names);
        }
    }

    private async Task<bool> PasswordIsAsync(string email, string password)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(email) ?? throw new Xunit.Sdk.XunitException($"No user {email}.");
        return await users.CheckPasswordAsync(user, password);
    }

    private async Task<bool> UserExistsAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(email) is not null;
    }

    private async Task<string?> FirstNameAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(email);
        return user?.FirstName;
    }
}
