using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>POST /email/ (set username, test_set_username.py) with SetUsernameRetype on.</summary>
public sealed class SetUsernameTests(StrictDjoserApp app) : DjoserTestBase(app), IClassFixture<StrictDjoserApp>
{
    [Fact]
    public async Task SetEmail_MissingFields_ReturnsRequired()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/email/", new { }, token)).Is(HttpStatusCode.BadRequest,
            """{"new_email":["This field is required."],"re_new_email":["This field is required."],"current_password":["This field is required."]}""");
    }

    [Fact]
    public async Task SetEmail_Mismatch_ReturnsNonFieldError()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/email/", new { new_email = NewEmail(), re_new_email = NewEmail(), current_password = Password }, token))
            .Is(HttpStatusCode.BadRequest, """{"non_field_errors":["The two email fields didn't match."]}""");
    }

    [Fact]
    public async Task SetEmail_InvalidAddress_ReturnsFieldErrorOnNewEmailOnly()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/email/", new { new_email = "bad", re_new_email = "bad", current_password = Password }, token))
            .Is(HttpStatusCode.BadRequest, """{"new_email":["Enter a valid email address."]}""");
    }

    [Fact]
    public async Task SetEmail_TakenAndWrongPassword_ReportsBoth()
    {
        var (email, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/email/", new { new_email = email, re_new_email = email, current_password = "bad" }, token))
            .Is(HttpStatusCode.BadRequest, """{"new_email":["user with this email address already exists."],"current_password":["Invalid password."]}""");
    }

    [Fact]
    public async Task SetEmail_Success_SendsActivationToNewAddress()
    {
        var (_, token) = await ActiveUserAsync();
        var newEmail = NewEmail();
        (await Client.PostJsonAsync("/auth/email/", new { new_email = newEmail, re_new_email = newEmail, current_password = Password }, token))
            .IsEmpty(HttpStatusCode.NoContent);
        Assert.Contains("Account activation on", LastEmailTo(newEmail).Subject);
        await ActivateAsync(newEmail);
        Assert.Equal(newEmail, (await Client.GetAsync("/auth/me/", token)).Json!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Activation_WithConfirmationOn_SendsConfirmationEmail()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        await ActivateAsync(email);
        Assert.EndsWith(" - your account was created and activated", LastEmailTo(email).Subject);
    }
}
