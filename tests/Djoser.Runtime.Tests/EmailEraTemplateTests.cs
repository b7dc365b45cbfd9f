using Djoser.Configuration;
using Djoser.Emails;
using Microsoft.Extensions.Options;

namespace Djoser.Runtime.Tests;

/// <summary>The built-in e-mail texts follow the era of <c>Djoser:UrlLayout</c> (issue 10).</summary>
public sealed class EmailEraTemplateTests
{
    private static readonly DjoserEmailContext Link = new(
        To: "ann@example.com",
        Username: "ann",
        Domain: "example.com",
        SiteName: "Example",
        Protocol: "https",
        Uid: "MQ",
        Token: "tok-123",
        Url: "#/activate/MQ/tok-123");

    private static DjoserRenderedEmail Render(DjoserUrlLayout layout, DjoserEmailKind kind, string? templateDirectory = null)
    {
        var options = new DjoserOptions { UrlLayout = layout };
        options.Email.TemplateDirectory = templateDirectory;
        return new DjoserEmailRenderer(new DjoserEmailTemplates(Options.Create(options))).Render(kind, Link);
    }

    [Theory]
    [InlineData(DjoserUrlLayout.V05, "You are getting this e-mail because your account on Example is not activated yet.")]
    [InlineData(DjoserUrlLayout.V1, "You are getting this e-mail because your account on Example is not activated yet.")]
    [InlineData(DjoserUrlLayout.V2, "You are getting this e-mail to complete the activation of your account on Example.")]
    public void Activation_TextOfTheEra(DjoserUrlLayout layout, string opening)
    {
        var rendered = Render(layout, DjoserEmailKind.Activation);

        Assert.Equal("Account activation on Example", rendered.Subject);
        Assert.StartsWith(opening, rendered.TextBody, StringComparison.Ordinal);
        Assert.StartsWith($"<p>{opening}</p>", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("https://example.com/#/activate/MQ/tok-123", rendered.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DjoserUrlLayout.V1, "Example - your account was created and activated", "Your account was created and activated; it is ready for use.")]
    [InlineData(DjoserUrlLayout.V2, "Example - your account is created and active", "Your account is created and active: you can use it now.")]
    public void Confirmation_TextOfTheEra(DjoserUrlLayout layout, string subject, string opening)
    {
        var rendered = Render(layout, DjoserEmailKind.Confirmation);

        Assert.Equal(subject, rendered.Subject);
        Assert.StartsWith(opening, rendered.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DjoserUrlLayout.V1, "Open the following page to choose a new password:", "In case you have forgotten it, your username is: ann")]
    [InlineData(DjoserUrlLayout.V2, "Choose a new password on this page:", "Your username, should you need it: ann")]
    public void PasswordReset_TextOfTheEra_NamesTheLinkAndTheUsername(DjoserUrlLayout layout, string linkLine, string usernameLine)
    {
        var rendered = Render(layout, DjoserEmailKind.PasswordReset);

        Assert.Equal("Password reset on Example", rendered.Subject);
        Assert.Contains($"{linkLine}\nhttps://example.com/#/activate/MQ/tok-123\n{usernameLine}\n", rendered.TextBody.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DjoserEmailKind.PasswordChanged)]
    [InlineData(DjoserEmailKind.UsernameReset)]
    [InlineData(DjoserEmailKind.UsernameChanged)]
    public void KindsDjoser1DidNotSend_Use2xTexts_InEveryEra(DjoserEmailKind kind)
    {
        var two = Render(DjoserUrlLayout.V2, kind);

        Assert.Equal(two, Render(DjoserUrlLayout.V1, kind));
        Assert.Equal(two, Render(DjoserUrlLayout.V05, kind));
    }

    [Fact]
    public void Override_WinsOverTheErasDefault_AndOnlyForItsPart()
    {
        var directory = Directory.CreateTempSubdirectory("djoser-era-templates-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "activation.text.liquid"), "Hello {{ user.username }}: {{ protocol }}://{{ domain }}/{{ url }}");

            foreach (var layout in Enum.GetValues<DjoserUrlLayout>())
            {
                var rendered = Render(layout, DjoserEmailKind.Activation, directory);
                Assert.Equal("Hello ann: https://example.com/#/activate/MQ/tok-123", rendered.TextBody);
                Assert.Equal(Render(layout, DjoserEmailKind.Activation).HtmlBody, rendered.HtmlBody);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
