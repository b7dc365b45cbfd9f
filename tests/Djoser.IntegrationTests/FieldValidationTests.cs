using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>
/// The model's field rules on the wire (docs/model.md): the sample bounds first_name/last_name at 150 and the
/// e-mail at 254 as Django's AbstractUser does, and every string refuses NUL characters, passwords included.
/// </summary>
public sealed class FieldValidationTests(StrictDjoserApp app) : DjoserTestBase(app), IClassFixture<StrictDjoserApp>
{
    private const string NullCharacters = "Null characters are not allowed.";

    private Task<DjoserResponse> RegisterAsync(string email, string firstName, string password) =>
        Client.PostJsonAsync("/auth/users/create/", new Dictionary<string, string>
        {
            ["email"] = email,
            ["first_name"] = firstName,
            ["last_name"] = "Lee",
            ["password"] = password,
        });

    [Fact]
    public async Task Register_FirstNameOver150Characters_ReturnsMaxLength()
    {
        (await RegisterAsync(NewEmail(), new string('a', 151), Password)).Is(HttpStatusCode.BadRequest,
            """{"first_name":["Ensure this field has no more than 150 characters."]}""");
    }

    [Fact]
    public async Task Register_FirstNameOf150Characters_IsCreated()
    {
        var response = await RegisterAsync(NewEmail(), new string('a', 150), Password);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(new string('a', 150), response.Json!["first_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_MillionCharacterFirstName_IsRefusedNotStored()
    {
        var email = NewEmail();
        (await RegisterAsync(email, new string('x', 1_000_000), Password)).Is(HttpStatusCode.BadRequest,
            """{"first_name":["Ensure this field has no more than 150 characters."]}""");
        Assert.Equal(0, EmailCountTo(email));
    }

    [Fact]
    public async Task Register_NulInFirstNameAndPassword_ReportsBothFields()
    {
        (await RegisterAsync(NewEmail(), "An\0n", "correct-\0Horse-42")).Is(HttpStatusCode.BadRequest,
            $$"""{"first_name":["{{NullCharacters}}"],"password":["{{NullCharacters}}"]}""");
    }

    [Fact]
    public async Task Register_NulInMultipartField_IsRefused()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(NewEmail()), "email" },
            { new StringContent("Ann"), "first_name" },
            { new StringContent("L\0ee"), "last_name" },
            { new StringContent(Password), "password" },
        };

        (await Client.SendAsync(HttpMethod.Post, "/auth/users/create/", form, token: null)).Is(HttpStatusCode.BadRequest,
            $$"""{"last_name":["{{NullCharacters}}"]}""");
    }

    [Fact]
    public async Task Register_EmailOver254Characters_ReturnsMaxLength()
    {
        // A valid address (labels under 63, total under Django's 320) that is longer than AbstractUser's 254.
        var email = "ann@" + string.Join(".", Enumerable.Repeat(new string('d', 60), 4)) + ".example.com";
        Assert.True(email.Length > 254);

        (await RegisterAsync(email, "Ann", Password)).Is(HttpStatusCode.BadRequest,
            """{"email":["Ensure this field has no more than 254 characters."]}""");
    }

    [Fact]
    public async Task PatchMe_LastNameOver150Characters_ReturnsMaxLength()
    {
        var (_, token) = await ActiveUserAsync();

        (await Client.SendJsonAsync(HttpMethod.Patch, "/auth/me/", new { last_name = new string('b', 151) }, token)).Is(HttpStatusCode.BadRequest,
            """{"last_name":["Ensure this field has no more than 150 characters."]}""");
    }

    [Fact]
    public async Task SetEmail_InvalidNewValueWithRetype_ReportsOnNewEmailOnly()
    {
        // djoser 1.1: re_new_<field> is a plain CharField, so the model field's validators run on new_<field> alone.
        var (_, token) = await ActiveUserAsync();
        var tooLong = new string('a', 250) + "@example.com";

        (await Client.PostJsonAsync("/auth/email/", new { new_email = tooLong, re_new_email = tooLong, current_password = Password }, token))
            .Is(HttpStatusCode.BadRequest, """{"new_email":["Ensure this field has no more than 254 characters."]}""");
    }

    [Fact]
    public async Task SetEmail_NulInRetype_IsRefusedOnRetype()
    {
        var (_, token) = await ActiveUserAsync();
        var newEmail = NewEmail();

        (await Client.PostJsonAsync("/auth/email/", new { new_email = newEmail, re_new_email = newEmail + "\0", current_password = Password }, token))
            .Is(HttpStatusCode.BadRequest, $$"""{"re_new_email":["{{NullCharacters}}"]}""");
    }

    [Fact]
    public async Task SetEmail_RetypeWithUpperCaseDomain_MatchesNormalisedNewEmail()
    {
        var (_, token) = await ActiveUserAsync();
        var local = $"user-{Guid.NewGuid():N}";

        (await Client.PostJsonAsync("/auth/email/", new { new_email = local + "@EXAMPLE.com", re_new_email = local + "@EXAMPLE.com", current_password = Password }, token))
            .IsEmpty(HttpStatusCode.NoContent);
        Assert.Equal(1, EmailCountTo(local + "@example.com"));
    }
}
