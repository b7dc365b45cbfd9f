using System.Net;
using System.Text.RegularExpressions;

namespace Djoser.IntegrationTests;

/// <summary>The README's walk-through, end to end: every step a djoser front end takes, in order.</summary>
public sealed class AccountFlowTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Fact]
    public async Task FullAccountLifecycle_BehavesAsDjoser11()
    {
        var email = NewEmail();

        // Register (JSON): 201 with exactly the user object's keys, no password.
        var created = await RegisterAsync(email);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Json!["id"]!.GetValue<string>();
        created.Is(HttpStatusCode.Created, $$"""{"first_name":"Ann","last_name":"Lee","email":"{{email}}","id":"{{id}}"}""");

        // Not active yet: login refused with djoser 1.1's text.
        (await LoginAsync(email)).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to login with provided credentials."]}""");

        // The activation e-mail is in the pickup folder; activate, then the same link is stale.
        var activation = LastEmailTo(email);
        Assert.Contains("Account activation on", activation.Subject);
        var (uid, token) = LinkIn(email, "activate");
        (await Client.PostJsonAsync("/auth/users/activate/", new { uid, token })).IsEmpty(HttpStatusCode.NoContent);
        (await Client.PostJsonAsync("/auth/users/activate/", new { uid, token })).Is(HttpStatusCode.Forbidden, """{"detail":"Stale token for given user."}""");

        // Log in: a 40-hex token, the same one on the next login.
        var authToken = await LoginTokenAsync(email);
        Assert.Matches("^[0-9a-f]{40}$", authToken);
        Assert.Equal(authToken, await LoginTokenAsync(email));

        // Me.
        (await Client.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.OK, $$"""{"first_name":"Ann","last_name":"Lee","id":"{{id}}","email":"{{email}}"}""");

        // PUT needs every required field; PATCH does not; the username field is read-only there.
        (await Client.SendJsonAsync(HttpMethod.Put, "/auth/me/", new { first_name = "Anna" }, authToken))
            .Is(HttpStatusCode.BadRequest, """{"last_name":["This field is required."]}""");
        (await Client.SendJsonAsync(HttpMethod.Put, "/auth/me/", new { first_name = "  Anna ", last_name = "Lee" }, authToken))
            .Is(HttpStatusCode.OK, $$"""{"first_name":"Anna","last_name":"Lee","id":"{{id}}","email":"{{email}}"}""");
        (await Client.SendJsonAsync(HttpMethod.Patch, "/auth/me/", new { last_name = "Li", email = "ignored@example.com", id = "x" }, authToken))
            .Is(HttpStatusCode.OK, $$"""{"first_name":"Anna","last_name":"Li","id":"{{id}}","email":"{{email}}"}""");
        (await Client.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.OK, $$"""{"first_name":"Anna","last_name":"Li","id":"{{id}}","email":"{{email}}"}""");

        // Set e-mail: wrong password, taken address, then success.
        var other = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(other)).Status);
        (await Client.PostJsonAsync("/auth/email/", new { new_email = NewEmail(), current_password = "wrong" }, authToken))
            .Is(HttpStatusCode.BadRequest, """{"current_password":["Invalid password."]}""");
        (await Client.PostJsonAsync("/auth/email/", new { new_email = other, current_password = Password }, authToken))
            .Is(HttpStatusCode.BadRequest, """{"new_email":["user with this email address already exists."]}""");
        (await Client.PostJsonAsync("/auth/email/", new { new_email = email, current_password = Password }, authToken))
            .Is(HttpStatusCode.BadRequest, """{"new_email":["user with this email address already exists."]}""");
        var newEmail = NewEmail();
        (await Client.PostJsonAsync("/auth/email/", new { new_email = newEmail, current_password = Password }, authToken)).IsEmpty(HttpStatusCode.NoContent);

        // djoser 1.1 with activation on: the user is inactive until the new address is activated.
        (await Client.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.Unauthorized, """{"detail":"User inactive or deleted."}""");
        await ActivateAsync(newEmail);
        (await LoginAsync(email)).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to login with provided credentials."]}""");
        authToken = await LoginTokenAsync(newEmail);

        // Set password; the old one stops working.
        const string changed = "another-Secret-77";
        (await Client.PostJsonAsync("/auth/password/", new { new_password = changed, current_password = Password }, authToken)).IsEmpty(HttpStatusCode.NoContent);
        (await LoginAsync(newEmail)).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to login with provided credentials."]}""");
        Assert.Equal(authToken, await LoginTokenAsync(newEmail, changed));

        // Reset the password by e-mail, confirm, and the old password is refused.
        (await Client.PostJsonAsync("/auth/password/reset/", new { email = newEmail })).IsEmpty(HttpStatusCode.NoContent);
        Assert.Contains("Password reset on", LastEmailTo(newEmail).Subject);
        var reset = LinkIn(newEmail, "password/reset/confirm");
        const string afterReset = "third-Secret-99";
        (await Client.PostJsonAsync("/auth/password/reset/confirm/", new { uid = reset.Uid, token = reset.Token, new_password = afterReset }))
            .IsEmpty(HttpStatusCode.NoContent);
        (await LoginAsync(newEmail, changed)).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to login with provided credentials."]}""");
        authToken = await LoginTokenAsync(newEmail, afterReset);

        // Log out kills the token; log in again for a new one.
        (await Client.PostJsonAsync("/auth/token/destroy/", null, authToken)).IsEmpty(HttpStatusCode.NoContent);
        (await Client.GetAsync("/auth/me/", authToken)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");
        var second = await LoginTokenAsync(newEmail, afterReset);
        Assert.NotEqual(authToken, second);

        // Delete the account: the token is dead and the e-mail is free.
        (await Client.PostJsonAsync("/auth/users/delete/", new { current_password = "nope" }, second))
            .Is(HttpStatusCode.BadRequest, """{"current_password":["Invalid password."]}""");
        (await Client.PostJsonAsync("/auth/users/delete/", new { current_password = afterReset }, second)).IsEmpty(HttpStatusCode.NoContent);
        (await Client.GetAsync("/auth/me/", second)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");
        (await LoginAsync(newEmail, afterReset)).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to login with provided credentials."]}""");
    }

    [Fact]
    public async Task Register_FormBody_Returns201()
    {
        var email = NewEmail();
        var response = await Client.PostFormAsync("/auth/users/create/", new Dictionary<string, string>
        {
            ["email"] = email,
            ["first_name"] = "Bo",
            ["last_name"] = "Ek",
            ["password"] = Password,
        });

        var id = response.Json!["id"]!.GetValue<string>();
        response.Is(HttpStatusCode.Created, $$"""{"first_name":"Bo","last_name":"Ek","email":"{{email}}","id":"{{id}}"}""");
        Assert.Matches(new Regex("^[0-9a-f-]{36}$"), id);
    }
}
