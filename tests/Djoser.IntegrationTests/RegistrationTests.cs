using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>POST /users/create/ (djoser's test_user_create.py).</summary>
public sealed class RegistrationTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Fact]
    public async Task Register_EmptyBody_ListsEveryRequiredField()
    {
        (await Client.PostJsonAsync("/auth/users/create/", null)).Is(HttpStatusCode.BadRequest,
            """{"first_name":["This field is required."],"last_name":["This field is required."],"email":["This field is required."],"password":["This field is required."]}""");
    }

    [Fact]
    public async Task Register_BlankAndInvalidValues_ReturnsFieldErrors()
    {
        (await Client.PostJsonAsync("/auth/users/create/", new { email = "not-an-email", first_name = "   ", last_name = true, password = Password }))
            .Is(HttpStatusCode.BadRequest, """{"first_name":["This field may not be blank."],"last_name":["Not a valid string."],"email":["Enter a valid email address."]}""");
    }

    [Fact]
    public async Task Register_NullValue_ReturnsMayNotBeNull()
    {
        (await Client.PostJsonAsync("/auth/users/create/", new { email = NewEmail(), first_name = (string?)null, last_name = "Lee", password = Password }))
            .Is(HttpStatusCode.BadRequest, """{"first_name":["This field may not be null."]}""");
    }

    [Fact]
    public async Task Register_TakenEmail_ReturnsUniquenessError()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).Status);
        (await RegisterAsync(email)).Is(HttpStatusCode.BadRequest, """{"email":["user with this email address already exists."]}""");
    }

    [Fact]
    public async Task Register_TakenEmailAndMissingField_ReportsBothAtFieldLevel()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).Status);
        (await Client.PostJsonAsync("/auth/users/create/", new { email, first_name = "Ann", password = Password })).Is(HttpStatusCode.BadRequest,
            """{"last_name":["This field is required."],"email":["user with this email address already exists."]}""");
    }

    [Fact]
    public async Task Register_WeakPassword_ReturnsDjangoValidatorMessages()
    {
        (await RegisterAsync(NewEmail(), password: "x7#q")).Is(HttpStatusCode.BadRequest,
            """{"password":["This password is too short. It must contain at least 8 characters."]}""");
        (await RegisterAsync(NewEmail(), password: "83920174")).Is(HttpStatusCode.BadRequest,
            """{"password":["This password is entirely numeric."]}""");
        (await RegisterAsync(NewEmail(), password: "password")).Is(HttpStatusCode.BadRequest,
            """{"password":["This password is too common."]}""");
    }

    [Fact]
    public async Task Register_PasswordLikeTheEmail_IsTooSimilar()
    {
        var email = "margaretha.vandenberg." + Guid.NewGuid().ToString("N")[..6] + "@example.com";
        var response = await RegisterAsync(email, password: email);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("The password is too similar to the email address.", response.Body);
    }

    [Fact]
    public async Task Register_UnknownAndReadOnlyFields_AreIgnored()
    {
        var email = NewEmail();
        var response = await Client.PostJsonAsync("/auth/users/create/", new
        {
            email,
            first_name = "Ann",
            last_name = "Lee",
            password = Password,
            is_staff = true,
            is_active = true,
            id = "00000000-0000-0000-0000-000000000000",
        });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.NotEqual("00000000-0000-0000-0000-000000000000", response.Json!["id"]!.GetValue<string>());
        (await LoginAsync(email)).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to login with provided credentials."]}""");
    }

    [Fact]
    public async Task Register_EmailDomain_IsLowerCased()
    {
        var local = "Mixed." + Guid.NewGuid().ToString("N")[..8];
        var response = await RegisterAsync(local + "@Example.COM");
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(local + "@example.com", response.Json!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_SendsActivationEmail_WithUidAndToken()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        var message = LastEmailTo(email);
        Assert.Equal("webmaster@localhost", message.From.Mailboxes.Single().Address);
        var (uid, token) = LinkIn(email, "activate");
        Assert.NotEmpty(uid);
        Assert.NotEmpty(token);
        Assert.Contains("http://localhost:8000/#/activate/", message.TextBody);
    }

    [Fact]
    public async Task Register_ConcurrentSameEmail_CreatesOneAccount()
    {
        var email = NewEmail();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RegisterAsync(email)));
        Assert.Single(responses, r => r.Status == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.Status != HttpStatusCode.Created), r =>
            Assert.True(
                r.Body == """["Unable to create account."]""" || r.Body == """{"email":["user with this email address already exists."]}""",
                r.Body));
    }
}
