using System.Text.Encodings.Web;
using Djoser.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Djoser.Runtime.Tests;

/// <summary>DRF's header parsing shared by Token and Basic: keyword, one word, spaces (spec §1.5).</summary>
public sealed class HeaderAuthenticationTests
{
    [Theory]
    [InlineData("", "none")]
    [InlineData("   ", "none")]
    [InlineData("Bearer abc", "none")]
    [InlineData("Tokenabc", "none")]
    [InlineData("Token\tabc", "none")]
    [InlineData("Token", "fail:no credentials")]
    [InlineData("  token   ", "fail:no credentials")]
    [InlineData("Token a b", "fail:spaces")]
    [InlineData("Token  a   b  ", "fail:spaces")]
    [InlineData("Token abc", "credentials:abc")]
    [InlineData("  TOKEN   abc  ", "credentials:abc")]
    [InlineData("Token a\tb", "credentials:a\tb")]
    public async Task Authenticate_Header_SplitsOnSpacesAsDrfDoes(string header, string expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = header;
        var handler = new Probe();
        await handler.InitializeAsync(new AuthenticationScheme("Probe", null, typeof(Probe)), http);

        var result = await handler.AuthenticateAsync();

        var outcome = result.None ? "none" : result.Failure is { } failure ? "fail:" + failure.Message : "credentials:" + result.Principal!.Identity!.Name;
        Assert.Equal(expected, outcome);
    }

    private sealed class Probe() : DjoserHeaderAuthenticationHandler(new Monitor(), NullLoggerFactory.Instance, UrlEncoder.Default)
    {
        protected override string Keyword => "Token";

        protected override string Challenge => "Token";

        protected override string NoCredentialsMessage => "no credentials";

        protected override string SpacesMessage => "spaces";

        protected override Task<AuthenticateResult> AuthenticateCredentialsAsync(string credentials) =>
            Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(
                new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                    [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, credentials)], "Probe")), "Probe")));
    }

    private sealed class Monitor : IOptionsMonitor<AuthenticationSchemeOptions>
    {
        public AuthenticationSchemeOptions CurrentValue { get; } = new();

        public AuthenticationSchemeOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<AuthenticationSchemeOptions, string?> listener) => null;
    }
}
