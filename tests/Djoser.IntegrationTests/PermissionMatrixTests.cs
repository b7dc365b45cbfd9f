using System.Net;
using System.Text;

namespace Djoser.IntegrationTests;

/// <summary>
/// Every endpoint of the V1 and V05 layouts, anonymous and as a user: protected ones answer 401 to anonymous callers
/// (before any body or method check, spec §1.5) and pass a user on; open ones never ask for credentials.
/// </summary>
public sealed class PermissionMatrixTests(DjoserApp v1, UsernameSampleApp v05) : DjoserTestBase(v1), IClassFixture<DjoserApp>, IClassFixture<UsernameSampleApp>
{
    // djoser 1.1.5's urls (spec §2.1), the sample's username field being `email`.
    public static TheoryData<string, string, bool> V1Matrix => new()
    {
        { "GET", "/auth/", false },
        { "GET", "/auth/me/", true },
        { "PUT", "/auth/me/", true },
        { "PATCH", "/auth/me/", true },
        { "DELETE", "/auth/me/", true },
        { "POST", "/auth/users/create/", false },
        { "GET", "/auth/users/create/", false },
        { "POST", "/auth/users/delete/", true },
        { "POST", "/auth/users/activate/", false },
        { "POST", "/auth/email/", true },
        { "GET", "/auth/email/", true },
        { "POST", "/auth/password/", true },
        { "POST", "/auth/password/reset/", false },
        { "POST", "/auth/password/reset/confirm/", false },
        { "POST", "/auth/token/create/", false },
        { "POST", "/auth/token/destroy/", true },
        { "OPTIONS", "/auth/token/destroy/", true },
    };

    // djoser 0.5.3's urls (spec §11), the username sample's username field being `username`.
    public static TheoryData<string, string, bool> V05Matrix => new()
    {
        { "GET", "/auth/me/", true },
        { "PUT", "/auth/me/", true },
        { "PATCH", "/auth/me/", true },
        { "POST", "/auth/register/", false },
        { "POST", "/auth/login/", false },
        { "POST", "/auth/logout/", true },
        { "POST", "/auth/activate/", false },
        { "POST", "/auth/username/", true },
        { "POST", "/auth/password/", true },
        { "POST", "/auth/password/reset/", false },
        { "POST", "/auth/password/reset/confirm/", false },
    };

    [Theory]
    [MemberData(nameof(V1Matrix))]
    public async Task V1_Permission_IsDjosers(string method, string path, bool needsUser)
    {
        var anonymous = await Send(Client, method, path, null);
        AssertAnonymous(anonymous, needsUser);
        if (needsUser)
        {
            var (_, token) = await ActiveUserAsync();
            AssertPermitted(await Send(Client, method, path, "Token " + token));

            // Staff passes every permission a user passes.
            var (staffEmail, staffToken) = await ActiveUserAsync();
            await MakeStaffAsync(staffEmail);
            AssertPermitted(await Send(Client, method, path, "Token " + staffToken));
        }
    }

    [Theory]
    [MemberData(nameof(V05Matrix))]
    public async Task V05_Permission_IsDjosers(string method, string path, bool needsUser)
    {
        var client = v05.CreateDjoserClient();
        AssertAnonymous(await Send(client, method, path, null), needsUser);
        if (needsUser)
        {
            var username = "matrix" + Guid.NewGuid().ToString("N")[..8];
            var registered = await client.PostFormAsync("/auth/register/", new Dictionary<string, string> { ["username"] = username, ["password"] = "djoser" });
            Assert.Equal(HttpStatusCode.Created, registered.Status);
            AssertPermitted(await Send(client, method, path, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":djoser"))));
        }
    }

    private static void AssertAnonymous(DjoserResponse response, bool needsUser)
    {
        if (needsUser)
        {
            response.Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        }
        else
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.Status);
            Assert.NotEqual(HttpStatusCode.Forbidden, response.Status);
        }
    }

    private static void AssertPermitted(DjoserResponse response)
    {
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.Status);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.Status);
    }

    private static Task<DjoserResponse> Send(DjoserClient client, string method, string path, string? authorization) =>
        client.SendAsync(new HttpMethod(method), path, method is "GET" or "OPTIONS" ? null : new StringContent("{}", Encoding.UTF8, "application/json"), null, authorization);
}

/// <summary>
/// Every endpoint of the V2 layout as anonymous, as a user on their own objects, as staff on another user's
/// objects, and as a user on another user's object (spec §3.1, §6.9: hidden, 404, except DELETE, 403).
/// </summary>
public sealed class V2PermissionMatrixTests(V2DjoserApp app) : DjoserTestBase(app), IClassFixture<V2DjoserApp>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    public static TheoryData<string, string, bool> V2Matrix => new()
    {
        { "GET", "/auth/", false },
        { "GET", "/auth/users/", true },
        { "POST", "/auth/users/", false },
        { "DELETE", "/auth/users/", true },
        { "GET", "/auth/users/me/", true },
        { "PUT", "/auth/users/me/", true },
        { "PATCH", "/auth/users/me/", true },
        { "DELETE", "/auth/users/me/", true },
        { "POST", "/auth/users/me/", true },
        { "GET", "/auth/users/{self}/", true },
        { "PATCH", "/auth/users/{self}/", true },
        { "POST", "/auth/users/activation/", false },
        { "GET", "/auth/users/activation/", true },
        { "POST", "/auth/users/resend_activation/", false },
        { "POST", "/auth/users/set_password/", true },
        { "POST", "/auth/users/reset_password/", false },
        { "POST", "/auth/users/reset_password_confirm/", false },
        { "POST", "/auth/users/set_email/", true },
        { "POST", "/auth/users/reset_email/", false },
        { "POST", "/auth/users/reset_email_confirm/", false },
        { "POST", "/auth/token/login/", false },
        { "POST", "/auth/token/logout/", true },
        { "OPTIONS", "/auth/users/me/", true },
    };

    [Theory]
    [MemberData(nameof(V2Matrix))]
    public async Task V2_Permission_IsDjosers(string method, string path, bool needsUser)
    {
        var (_, token) = await ActiveUserAsync();
        var id = (await Client.GetAsync("/auth/users/me/", token)).Json!["id"]!.GetValue<string>();
        path = path.Replace("{self}", id, StringComparison.Ordinal);
        var anonymous = await Send(method, path, null);
        if (needsUser)
        {
            anonymous.Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
            var permitted = await Send(method, path, token);
            Assert.NotEqual(HttpStatusCode.Unauthorized, permitted.Status);
            Assert.NotEqual(HttpStatusCode.Forbidden, permitted.Status);

            // Staff passes every permission a user passes, also on another user's object.
            var (staffEmail, staffToken) = await ActiveUserAsync();
            await MakeStaffAsync(staffEmail);
            var asStaff = await Send(method, path, staffToken);
            Assert.NotEqual(HttpStatusCode.Unauthorized, asStaff.Status);
            Assert.NotEqual(HttpStatusCode.Forbidden, asStaff.Status);
            Assert.NotEqual(HttpStatusCode.NotFound, asStaff.Status);
        }
        else
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, anonymous.Status);
            Assert.NotEqual(HttpStatusCode.Forbidden, anonymous.Status);
        }
    }

    [Theory]
    [InlineData("GET", HttpStatusCode.NotFound)]
    [InlineData("PUT", HttpStatusCode.NotFound)]
    [InlineData("PATCH", HttpStatusCode.NotFound)]
    [InlineData("DELETE", HttpStatusCode.Forbidden)]
    public async Task V2_OtherUsersObject_IsHiddenOrForbidden(string method, HttpStatusCode expected)
    {
        var (_, token) = await ActiveUserAsync();
        var (_, otherToken) = await ActiveUserAsync();
        var otherId = (await Client.GetAsync("/auth/users/me/", otherToken)).Json!["id"]!.GetValue<string>();
        var response = await Send(method, $"/auth/users/{otherId}/", token);
        Assert.Equal(expected, response.Status);
    }

    [Fact]
    public async Task V2_Staff_ReadsUpdatesListsAndDeletesOthers_WithTheirOwnPassword()
    {
        var (staffEmail, staffToken) = await ActiveUserAsync();
        await MakeStaffAsync(staffEmail);
        var (otherEmail, otherToken) = await ActiveUserAsync();
        var otherId = (await Client.GetAsync("/auth/users/me/", otherToken)).Json!["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/auth/users/{otherId}/", staffToken)).Status);
        var patched = await Client.SendJsonAsync(HttpMethod.Patch, $"/auth/users/{otherId}/", new { last_name = "Staffed" }, staffToken);
        Assert.Equal("Staffed", patched.Json!["last_name"]!.GetValue<string>());
        Assert.True((await Client.GetAsync("/auth/users/", staffToken)).Json!.AsArray().Count >= 2);

        // djoser checks the requester's password, also when staff deletes someone else (spec §3.2).
        (await Client.SendJsonAsync(HttpMethod.Delete, $"/auth/users/{otherId}/", new { current_password = "wrong" }, staffToken))
            .Is(HttpStatusCode.BadRequest, """{"current_password":["Invalid password."]}""");
        (await Client.SendJsonAsync(HttpMethod.Delete, $"/auth/users/{otherId}/", new { current_password = Password }, staffToken))
            .IsEmpty(HttpStatusCode.NoContent);
        (await LoginAsync(otherEmail)).Is(HttpStatusCode.BadRequest, """{"non_field_errors":["Unable to log in with provided credentials."]}""");
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/auth/users/me/", staffToken)).Status);
    }

    private Task<DjoserResponse> Send(string method, string path, string? token) =>
        Client.SendAsync(new HttpMethod(method), path, method is "GET" or "OPTIONS" ? null : new StringContent("{}", Encoding.UTF8, "application/json"), token);
}

/// <summary>Registration closed with another djoser permission class (<c>Djoser:Permissions:UserCreate</c>).</summary>
public sealed class ClosedRegistrationTests(ClosedRegistrationTests.Fixture app) : DjoserTestBase(app), IClassFixture<ClosedRegistrationTests.Fixture>
{
    [Fact]
    public async Task Register_WithIsAuthenticated_IsRefusedToAnonymous()
    {
        (await RegisterAsync(NewEmail())).Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
    }

    public sealed class Fixture() : DjoserApp(new Dictionary<string, string?> { ["Djoser:Permissions:UserCreate"] = "IsAuthenticated" });
}

/// <summary>Set password limited to staff (<c>Djoser:Permissions:SetPassword = IsAdminUser</c>): a plain user gets DRF's 403.</summary>
public sealed class StaffOnlyPermissionTests(StaffOnlyPermissionTests.Fixture app) : DjoserTestBase(app), IClassFixture<StaffOnlyPermissionTests.Fixture>
{
    [Fact]
    public async Task SetPassword_WithIsAdminUser_IsForbiddenToANonStaffUser()
    {
        var (_, token) = await ActiveUserAsync();
        (await Client.PostJsonAsync("/auth/password/", new { }, token))
            .Is(HttpStatusCode.Forbidden, """{"detail":"You do not have permission to perform this action."}""");
    }

    [Fact]
    public async Task SetPassword_WithIsAdminUser_LetsStaffIn()
    {
        var (email, token) = await ActiveUserAsync();
        await MakeStaffAsync(email);
        (await Client.PostJsonAsync("/auth/password/", new { new_password = "another-Horse-43", current_password = Password }, token))
            .IsEmpty(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task SetPassword_WithIsAdminUser_StillAsksAnonymousCallersToAuthenticate()
    {
        (await Client.PostJsonAsync("/auth/password/", new { }))
            .Is(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
    }

    public sealed class Fixture() : DjoserApp(new Dictionary<string, string?> { ["Djoser:Permissions:SetPassword"] = "IsAdminUser" });
}

/// <summary>A permission naming a policy nobody registered stops the start, naming the setting.</summary>
public sealed class UnknownPolicyTests
{
    [Fact]
    public void UnknownPolicy_FailsAtStartup_NamingTheSetting()
    {
        using var app = new App();
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var message = error is AggregateException aggregate ? aggregate.InnerExceptions[0].Message : error.Message;
        Assert.Contains("Djoser:Permissions:UserList names the authorization policy 'OnlyFriends', which is not registered", message);
    }

    private sealed class App() : DjoserApp(new Dictionary<string, string?> { ["Djoser:Permissions:UserList"] = "OnlyFriends" });
}
