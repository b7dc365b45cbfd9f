using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Djoser.IntegrationTests;

/// <summary>
/// Shared steps of the account flow, against one app per test class. After each test (xunit disposes the test
/// class), every request the test made is checked: a status of 500 or more fails the test.
/// </summary>
public abstract partial class DjoserTestBase(DjoserApp app) : IDisposable
{
    public const string Password = "correct-Horse-42";

    protected DjoserApp App { get; } = app;

    protected DjoserClient Client { get; } = app.CreateDjoserClient();

    /// <summary>Fails the test that just ran if any of its requests answered a server error.</summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        App.AssertNoServerErrors();
    }

    /// <summary>The layout's URLs the shared steps use; V1's unless a test class serves another layout.</summary>
    protected virtual DjoserPaths Paths => DjoserPaths.V1;

    protected static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    protected Task<DjoserResponse> RegisterAsync(string email, string password = Password, string firstName = "Ann", string lastName = "Lee") =>
        Client.PostJsonAsync(Paths.Register, new Dictionary<string, string>
        {
            ["email"] = email,
            ["first_name"] = firstName,
            ["last_name"] = lastName,
            ["password"] = password,
            // Read only with UserCreatePasswordRetype; every layout ignores unknown fields (spec §1.12).
            ["re_password"] = password,
        });

    protected async Task<DjoserResponse> LoginAsync(string email, string password = Password) =>
        await Client.PostJsonAsync(Paths.Login, new Dictionary<string, string> { ["email"] = email, ["password"] = password });

    protected async Task<string> LoginTokenAsync(string email, string password = Password)
    {
        var response = await LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json!["auth_token"]!.GetValue<string>();
    }

    /// <summary>The newest e-mail to <paramref name="to"/>.</summary>
    protected MimeMessage LastEmailTo(string to) =>
        App.Emails.LastOrDefault(message => message.To.Mailboxes.Any(box => box.Address == to))
        ?? throw new Xunit.Sdk.XunitException($"No e-mail was written to {to}.");

    protected int EmailCountTo(string to) => App.Emails.Count(message => message.To.Mailboxes.Any(box => box.Address == to));

    /// <summary>The uid and token of the link in the newest e-mail to <paramref name="to"/>.</summary>
    protected (string Uid, string Token) LinkIn(string to, string path)
    {
        var text = LastEmailTo(to).TextBody ?? string.Empty;
        var match = Regex.Match(text, "#/" + Regex.Escape(path) + "/([A-Za-z0-9_-]+)/([A-Za-z0-9_.-]+)");
        Assert.True(match.Success, $"No #/{path}/<uid>/<token> link in: {text}");
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    protected async Task ActivateAsync(string email)
    {
        var (uid, token) = LinkIn(email, "activate");
        (await Client.PostJsonAsync(Paths.Activate, new { uid, token })).IsEmpty(HttpStatusCode.NoContent);
    }

    /// <summary>Gives the user of <paramref name="email"/> Django's is_staff: the role <c>Djoser:StaffRole</c> (default <c>staff</c>).</summary>
    protected async Task MakeStaffAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync("staff"))
        {
            Assert.True((await roles.CreateAsync(new IdentityRole("staff"))).Succeeded);
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<Djoser.Sample.AppUser>>();
        var user = await users.FindByNameAsync(email) ?? throw new Xunit.Sdk.XunitException($"No user {email}.");
        Assert.True((await users.AddToRoleAsync(user, "staff")).Succeeded);
    }

    /// <summary>Registers, activates and logs in a fresh user.</summary>
    protected async Task<(string Email, string Token)> ActiveUserAsync()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).Status);
        await ActivateAsync(email);
        return (email, await LoginTokenAsync(email));
    }
}

/// <summary>Where the shared account steps live in a URL layout (the sample's username field is <c>email</c>).</summary>
public sealed record DjoserPaths(
    string Register,
    string Login,
    string Activate,
    string Logout = "",
    string Me = "",
    string SetPassword = "",
    string ResetPassword = "",
    string ResetPasswordConfirm = "",
    string SetUsername = "",
    string? Delete = null,
    string DeleteMethod = "POST")
{
    public static DjoserPaths V05 { get; } = new("/auth/register/", "/auth/login/", "/auth/activate/", "/auth/logout/", "/auth/me/",
        "/auth/password/", "/auth/password/reset/", "/auth/password/reset/confirm/", "/auth/email/");

    public static DjoserPaths V1 { get; } = new("/auth/users/create/", "/auth/token/create/", "/auth/users/activate/", "/auth/token/destroy/", "/auth/me/",
        "/auth/password/", "/auth/password/reset/", "/auth/password/reset/confirm/", "/auth/email/", "/auth/users/delete/");

    public static DjoserPaths V2 { get; } = new("/auth/users/", "/auth/token/login/", "/auth/users/activation/", "/auth/token/logout/", "/auth/users/me/",
        "/auth/users/set_password/", "/auth/users/reset_password/", "/auth/users/reset_password_confirm/", "/auth/users/set_email/", "/auth/users/me/", "DELETE");
}
