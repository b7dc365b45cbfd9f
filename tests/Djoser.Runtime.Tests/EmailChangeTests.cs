using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Endpoints;
using Djoser.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>The parts of <c>Djoser:Email:ConfirmEmailChange</c> (issue 10) that need no server: settings, token, texts.</summary>
public sealed class EmailChangeTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static string[] Failures(DjoserOptions options) =>
        [.. new DjoserEmailChangeOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void Validate_OptInWithoutUrl_FailsNamingTheKey()
    {
        var options = new DjoserOptions();
        options.Email.ConfirmEmailChange = true;
        Assert.Equal(
            ["Djoser:EmailChangeConfirmUrl is required because Djoser:Email:ConfirmEmailChange is true, and the e-mail to a new address links to it: "
                + "set it to the front end's path with {uid} and {token}, e.g. '#/email/confirm/{uid}/{token}'."],
            Failures(options));
    }

    [Fact]
    public void Validate_UrlWithoutToken_Fails_EvenWithTheOptInOff()
    {
        var options = new DjoserOptions { EmailChangeConfirmUrl = "#/email/confirm/{uid}" };
        Assert.Equal(["Djoser:EmailChangeConfirmUrl '#/email/confirm/{uid}' must contain both {uid} and {token}, e.g. '#/email/confirm/{uid}/{token}'."], Failures(options));
        options.Email.ConfirmEmailChange = true;
        Assert.Single(Failures(options));
    }

    [Fact]
    public void Validate_OffWithoutUrl_AndOnWithUrl_Succeed()
    {
        Assert.Empty(Failures(new DjoserOptions()));
        var options = new DjoserOptions { EmailChangeConfirmUrl = "#/email/confirm/{uid}/{token}" };
        options.Email.ConfirmEmailChange = true;
        Assert.Empty(Failures(options));
    }

    [Theory]
    [InlineData("nina@example.com", "n***@example.com")]
    [InlineData("n@example.com", "n***@example.com")]
    [InlineData("odd", "***")]
    [InlineData("@example.com", "***")]
    public void Mask_KeepsTheFirstCharacterAndTheDomain(string address, string masked) =>
        Assert.Equal(masked, DjoserAccountEmails<IdentityUser, string>.Mask(address));

    [Fact]
    public async Task Token_NamesTheNewAddress_AndOnlyThatOne()
    {
        var id = await _host.CreateUserAsync();
        await using var scope = _host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var tokens = scope.ServiceProvider.GetRequiredService<DjoserEmailChangeTokens<IdentityUser>>();
        var user = (await users.FindByIdAsync(id))!;

        var token = await tokens.GenerateAsync(user, "new@example.com");
        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", token);
        Assert.Equal("new@example.com", await tokens.ValidateAsync(user, token));

        var protectedPart = token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..];
        Assert.Null(await tokens.ValidateAsync(user, DjoserUid.Encode("other@example.com") + "." + protectedPart));
        Assert.Null(await tokens.ValidateAsync(user, protectedPart));
        Assert.Null(await tokens.ValidateAsync(user, "." + protectedPart));

        // A token of the purpose minted without an address never confirms a change.
        var plain = await scope.ServiceProvider.GetRequiredService<IDjoserUserTokens<IdentityUser>>().GenerateAsync(user, DjoserTokenPurpose.EmailChange, default);
        Assert.Null(await tokens.ValidateAsync(user, DjoserUid.Encode("new@example.com") + "." + plain));

        // The fingerprint covers the e-mail: once the change is made, the link is spent.
        user.Email = "new@example.com";
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        Assert.Null(await tokens.ValidateAsync(user, token));
    }

    [Theory]
    [InlineData(DjoserUrlLayout.V05)]
    [InlineData(DjoserUrlLayout.V1)]
    [InlineData(DjoserUrlLayout.V2)]
    public void Templates_OfEveryEra_CarryTheLinkOrTheMaskedAddress(DjoserUrlLayout layout)
    {
        var renderer = new DjoserEmailRenderer(new DjoserEmailTemplates(layout));
        var context = new DjoserEmailContext("new@example.com", "ann", "app.example.com", "Example", "https",
            Uid: "MQ", Token: "bmV3.tok", Url: "#/email/confirm/MQ/bmV3.tok", NewEmail: "new<b>@example.com");

        var confirmation = renderer.Render(DjoserEmailKind.EmailChangeConfirmation, context);
        Assert.Equal("Confirm your new e-mail address on Example", confirmation.Subject);
        Assert.Contains("https://app.example.com/#/email/confirm/MQ/bmV3.tok", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("new&lt;b&gt;@example.com", confirmation.HtmlBody, StringComparison.Ordinal);

        var notice = renderer.Render(DjoserEmailKind.EmailChangeNotice, context with { To = "ann@example.com", Uid = null, Token = null, Url = null, NewEmail = "n***@example.com" });
        Assert.Equal("Example - a change of your e-mail address was asked", notice.Subject);
        Assert.Contains("to n***@example.com.", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("stays ann@example.com", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("://", notice.TextBody, StringComparison.Ordinal);
    }
}
