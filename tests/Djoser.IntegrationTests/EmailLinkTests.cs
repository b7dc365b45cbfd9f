using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Djoser.IntegrationTests;

/// <summary>
/// E-mailed links come from Djoser:Domain and Djoser:Protocol, never from the request's Host header (djoser #235,
/// #450, #498): the sample sets Domain localhost:8000 and Protocol http.
/// </summary>
public sealed class EmailLinkTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Fact]
    public async Task Register_WithForgedHost_LinksToTheConfiguredDomain()
    {
        var email = NewEmail();
        using var forged = ForgedHostClient(App);
        var response = await forged.PostAsJsonAsync("/auth/users/create/", new { email, first_name = "Ann", last_name = "Lee", password = Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var message = LastEmailTo(email);
        Assert.Contains("http://localhost:8000/#/activate/", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost:8000/#/activate/", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", message.TextBody + message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordReset_WithForgedHost_LinksToTheConfiguredDomain()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        await ActivateAsync(email);
        using var forged = ForgedHostClient(App);
        var response = await forged.PostAsJsonAsync("/auth/password/reset/", new { email });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var message = LastEmailTo(email);
        Assert.Contains("http://localhost:8000/#/password/reset/confirm/", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", message.TextBody + message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithoutDomain_FailsNamingTheSetting()
    {
        using var withoutDomain = new WithoutDomainApp();
        var exception = Assert.Throws<OptionsValidationException>(() => withoutDomain.CreateClient());
        Assert.Contains("Djoser:Domain is required because djoser's e-mails carry links to the front end", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>A client whose requests carry <c>Host: attacker.example</c>, as a forged request would.</summary>
    internal static HttpClient ForgedHostClient(DjoserApp app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Host = "attacker.example";
        return client;
    }

    private sealed class WithoutDomainApp() : DjoserApp(new Dictionary<string, string?> { ["Djoser:Domain"] = "" });
}

/// <summary>The development opt-in Djoser:Email:UseRequestHost: without a Domain, links use the request's host (unsafe, documented so).</summary>
public sealed class RequestHostOptInTests(RequestHostOptInTests.RequestHostApp app) : DjoserTestBase(app), IClassFixture<RequestHostOptInTests.RequestHostApp>
{
    [Fact]
    public async Task Register_WithUseRequestHost_LinksToTheRequestsHost()
    {
        // The control of EmailLinkTests: the forged header does reach the app, so there the setting is what wins.
        var email = NewEmail();
        using var forged = EmailLinkTests.ForgedHostClient(App);
        var response = await forged.PostAsJsonAsync("/auth/users/create/", new { email, first_name = "Ann", last_name = "Lee", password = Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("http://attacker.example/#/activate/", LastEmailTo(email).TextBody, StringComparison.Ordinal);
    }

    public sealed class RequestHostApp() : DjoserApp(new Dictionary<string, string?>
    {
        ["Djoser:Domain"] = "",
        ["Djoser:Email:UseRequestHost"] = "true",
    });
}
