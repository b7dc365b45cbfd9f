using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>POST /users/activate/ (djoser's test_activation.py).</summary>
public sealed class ActivationTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Fact]
    public async Task Activate_MissingFields_ReturnsRequired()
    {
        (await Client.PostJsonAsync("/auth/users/activate/", new { })).Is(HttpStatusCode.BadRequest,
            """{"uid":["This field is required."],"token":["This field is required."]}""");
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("MQ")]
    [InlineData("_w")]
    [InlineData("bm90LWEtZ3VpZA")]
    public async Task Activate_BadUid_ReturnsUidError(string uid)
    {
        (await Client.PostJsonAsync("/auth/users/activate/", new { uid, token = "whatever" })).Is(HttpStatusCode.BadRequest,
            """{"uid":["Invalid user id or user doesn't exist."]}""");
    }

    [Fact]
    public async Task Activate_WrongToken_ReturnsNonFieldError()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        var (uid, _) = LinkIn(email, "activate");
        (await Client.PostJsonAsync("/auth/users/activate/", new { uid, token = "bad-token" })).Is(HttpStatusCode.BadRequest,
            """{"non_field_errors":["Invalid token for given user."]}""");
    }

    [Fact]
    public async Task Activate_FormBody_Works()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        var (uid, token) = LinkIn(email, "activate");
        (await Client.PostFormAsync("/auth/users/activate/", new Dictionary<string, string> { ["uid"] = uid, ["token"] = token }))
            .IsEmpty(HttpStatusCode.NoContent);
        await LoginTokenAsync(email);
    }

    [Fact]
    public async Task Activate_ResetTokenOfSameUser_IsRejected()
    {
        var (email, _) = await ActiveUserAsync();
        await Client.PostJsonAsync("/auth/password/reset/", new { email });
        var (uid, token) = LinkIn(email, "password/reset/confirm");
        (await Client.PostJsonAsync("/auth/users/activate/", new { uid, token })).Is(HttpStatusCode.BadRequest,
            """{"non_field_errors":["Invalid token for given user."]}""");
    }
}
