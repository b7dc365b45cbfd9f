using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>POST /password/, /password/reset/, /password/reset/confirm/ with every retype switch on (test_set_password.py, test_password_reset*.py).</summary>
public sealed class PasswordTests(StrictDjoserApp app) : DjoserTestBase(app), IClassFixture<StrictDjoserApp>
{
    [Fact]
    public async Task SetPassword_Anonymous_Returns401()
    {
        (await Client.PostJsonAsync("/auth/password/", new { })).Is(HttpStatusCode.Unauthorized,
            """{"detail":"Authentication credentials were not provided."}""");
    }

    [Fact]
    public async Task SetPassword_MissingFields_ReturnsRequired()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/password/", new { }, token)).Is(HttpStatusCode.BadRequest,
            """{"new_password":["This field is required."],"re_new_password":["This field is required."],"current_password":["This field is required."]}""");
    }

    [Fact]
    public async Task SetPassword_WrongCurrentPassword_Returns400WithFieldError()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/password/", new { new_password = "new-Secret-55", re_new_password = "new-Secret-55", current_password = "bad" }, token))
            .Is(HttpStatusCode.BadRequest, """{"current_password":["Invalid password."]}""");
    }

    [Fact]
    public async Task SetPassword_WeakAndMismatched_ReportsOnlyValidatorErrors()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/password/", new { new_password = "1234", re_new_password = "other", current_password = Password }, token))
            .Is(HttpStatusCode.BadRequest, """{"new_password":["This password is too short. It must contain at least 8 characters.","This password is too common.","This password is entirely numeric."]}""");
    }

    [Fact]
    public async Task SetPassword_Mismatch_ReturnsNonFieldError()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/password/", new { new_password = "new-Secret-55", re_new_password = "new-Secret-56", current_password = Password }, token))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["The two password fields didn't match."]}""");
    }

    [Fact]
    public async Task SetPassword_LogoutOnPasswordChange_DeletesToken()
    {
        var (email, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/password/", new { new_password = "new-Secret-55", re_new_password = "new-Secret-55", current_password = Password }, token))
            .IsEmpty(HttpStatusCode.NoContent);
        (await Client.GetAsync("/auth/me/", token)).Is(HttpStatusCode.Unauthorized, """{"detail":"Invalid token."}""");
        await LoginTokenAsync(email, "new-Secret-55");
    }

    [Fact]
    public async Task Reset_UnknownEmail_WithShowFlag_Returns400()
    {
        (await Client.PostJsonAsync("/auth/password/reset/", new { email = NewEmail() })).Is(HttpStatusCode.BadRequest,
            """{"email":["User with given email does not exist."]}""");
        (await Client.PostJsonAsync("/auth/password/reset/", new { email = "nope" })).Is(HttpStatusCode.BadRequest,
            """{"email":["Enter a valid email address."]}""");
    }

    [Fact]
    public async Task Reset_MatchesCaseInsensitively()
    {
        var (email, _) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/password/reset/", new { email = email.ToUpperInvariant() })).IsEmpty(HttpStatusCode.NoContent);
        Assert.Contains("Password reset on", LastEmailTo(email).Subject);
    }

    [Fact]
    public async Task ResetConfirm_OrderOfChecks_MatchesDjoser()
    {
        var (email, _) = await ActiveUserAsync();
        await Client.PostJsonAsync("/auth/password/reset/", new { email });
        var (uid, token) = LinkIn(email, "password/reset/confirm");

        (await Client.PostJsonAsync("/auth/password/reset/confirm/", new { })).Is(HttpStatusCode.BadRequest,
            """{"uid":["This field is required."],"token":["This field is required."],"new_password":["This field is required."],"re_new_password":["This field is required."]}""");
        (await Client.PostJsonAsync("/auth/password/reset/confirm/", new { uid = "x", token, new_password = "a", re_new_password = "a" })).Is(HttpStatusCode.BadRequest,
            """{"uid":["Invalid user id or user doesn't exist."]}""");
        // Validators win over a mismatch and over a bad token.
        (await Client.PostJsonAsync("/auth/password/reset/confirm/", new { uid, token = "bad", new_password = "1234", re_new_password = "x" })).Is(HttpStatusCode.BadRequest,
            """{"new_password":["This password is too short. It must contain at least 8 characters.","This password is too common.","This password is entirely numeric."]}""");
        (await Client.PostJsonAsync("/auth/password/reset/confirm/", new { uid, token = "bad", new_password = "fresh-Secret-1", re_new_password = "x" })).Is(HttpStatusCode.BadRequest,
            """{"non_field_errors":["The two password fields didn't match."]}""");
        (await Client.PostJsonAsync("/auth/password/reset/confirm/", new { uid, token = "bad", new_password = "fresh-Secret-1", re_new_password = "fresh-Secret-1" })).Is(HttpStatusCode.BadRequest,
            """{"non_field_errors":["Invalid token for given user."]}""");
        (await Client.PostJsonAsync("/auth/password/reset/confirm/", new { uid, token, new_password = "fresh-Secret-1", re_new_password = "fresh-Secret-1" }))
            .IsEmpty(HttpStatusCode.NoContent);
        // Single use: the password change killed the link.
        (await Client.PostJsonAsync("/auth/password/reset/confirm/", new { uid, token, new_password = "fresh-Secret-2", re_new_password = "fresh-Secret-2" })).Is(HttpStatusCode.BadRequest,
            """{"non_field_errors":["Invalid token for given user."]}""");
        await LoginTokenAsync(email, "fresh-Secret-1");
    }
}

/// <summary>POST /password/reset/ with djoser's defaults: unknown addresses are not revealed.</summary>
public sealed class PasswordResetDefaultTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Fact]
    public async Task Reset_UnknownEmail_Returns204AndSendsNothing()
    {
        var email = NewEmail();
        (await Client.PostJsonAsync("/auth/password/reset/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(0, EmailCountTo(email));
    }

    [Fact]
    public async Task Reset_InactiveUser_GetsNoEmail()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        var before = EmailCountTo(email);
        (await Client.PostJsonAsync("/auth/password/reset/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(before, EmailCountTo(email));
    }
}
