using Djoser.Configuration;
using Djoser.Emails;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Runtime.Tests;

/// <summary>The start-up checks of delivery, SMTP, link and template settings, each failure naming its key.</summary>
public sealed class EmailOptionsValidatorTests
{
    private static DjoserOptions Valid() => new()
    {
        Domain = "app.example.com",
        PasswordResetConfirmUrl = "#/password/reset/confirm/{uid}/{token}",
    };

    private static DjoserOptions Smtp(Action<DjoserSmtpOptions> configure)
    {
        var options = Valid();
        options.Email.Delivery = DjoserEmailDelivery.Smtp;
        options.Email.Smtp.Host = "smtp.example.com";
        configure(options.Email.Smtp);
        return options;
    }

    private static string[] EmailFailures(DjoserOptions options) => [.. new DjoserEmailOptionsValidator().Validate(null, options).Failures ?? []];

    private static string[] LinkFailures(DjoserOptions options) => [.. new DjoserLinkOptionsValidator().Validate(null, options).Failures ?? []];

    private static string[] TemplateFailures(string? directory)
    {
        var options = Valid();
        options.Email.TemplateDirectory = directory;
        return [.. new DjoserEmailTemplateValidator().Validate(null, options).Failures ?? []];
    }

    [Fact]
    public void Pickup_delivery_needs_no_smtp_settings()
    {
        Assert.Empty(EmailFailures(Valid()));
        Assert.Empty(LinkFailures(Valid()));
    }

    [Fact]
    public void Smtp_without_host_names_the_key()
    {
        var failure = Assert.Single(EmailFailures(Smtp(smtp => smtp.Host = " ")));
        Assert.Equal(
            "Djoser:Email:Smtp:Host is required because Djoser:Email:Delivery is Smtp: set it to the SMTP server's host name (e.g. 'smtp.example.com').",
            failure);
    }

    [Fact]
    public void Smtp_with_host_and_defaults_is_valid_on_the_standard_port()
    {
        var options = Smtp(_ => { });
        Assert.Empty(EmailFailures(options));
        Assert.Equal(587, options.Email.Smtp.EffectivePort);
        options.Email.Smtp.TlsMode = DjoserSmtpTlsMode.Tls;
        Assert.Equal(465, options.Email.Smtp.EffectivePort);
        options.Email.Smtp.TlsMode = DjoserSmtpTlsMode.None;
        Assert.Equal(25, options.Email.Smtp.EffectivePort);
        options.Email.Smtp.Port = 2525;
        Assert.Equal(2525, options.Email.Smtp.EffectivePort);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Smtp_port_out_of_range_names_the_key(int port) =>
        Assert.StartsWith("Djoser:Email:Smtp:Port must be a TCP port from 1 to 65535", Assert.Single(EmailFailures(Smtp(smtp => smtp.Port = port))), StringComparison.Ordinal);

    [Fact]
    public void Smtp_timeout_must_be_positive() =>
        Assert.StartsWith("Djoser:Email:Smtp:Timeout must be positive", Assert.Single(EmailFailures(Smtp(smtp => smtp.Timeout = TimeSpan.Zero))), StringComparison.Ordinal);

    [Fact]
    public void Smtp_unknown_tls_mode_names_the_modes() =>
        Assert.Equal(
            "Djoser:Email:Smtp:TlsMode '7' is not a known mode; use None, StartTls or Tls.",
            Assert.Single(EmailFailures(Smtp(smtp => smtp.TlsMode = (DjoserSmtpTlsMode)7))));

    [Fact]
    public void Smtp_user_name_and_password_go_together()
    {
        Assert.Equal(
            "Djoser:Email:Smtp:UserName is set without Djoser:Email:Smtp:Password: set both to authenticate, or neither.",
            Assert.Single(EmailFailures(Smtp(smtp => smtp.UserName = "mailer"))));
        Assert.Equal(
            "Djoser:Email:Smtp:Password is set without Djoser:Email:Smtp:UserName: set both to authenticate, or neither.",
            Assert.Single(EmailFailures(Smtp(smtp => smtp.Password = "secret"))));
        Assert.Empty(EmailFailures(Smtp(smtp => (smtp.UserName, smtp.Password) = ("mailer", "secret"))));
    }

    [Fact]
    public void Smtp_settings_are_not_checked_with_pickup_delivery()
    {
        var options = Valid();
        options.Email.Smtp.Port = 0;
        Assert.Empty(EmailFailures(options));
    }

    [Fact]
    public void From_that_is_not_an_address_names_the_key()
    {
        var options = Valid();
        options.Email.From = "not an address <";
        Assert.StartsWith("Djoser:Email:From 'not an address <' is not an e-mail address", Assert.Single(EmailFailures(options)), StringComparison.Ordinal);
        options.Email.From = "Example <webmaster@example.com>";
        Assert.Empty(EmailFailures(options));
    }

    [Fact]
    public void Unknown_delivery_names_the_choices()
    {
        var options = Valid();
        options.Email.Delivery = (DjoserEmailDelivery)9;
        Assert.Equal("Djoser:Email:Delivery '9' is not a known delivery; use Pickup or Smtp.", Assert.Single(EmailFailures(options)));
    }

    [Fact]
    public void Missing_domain_names_the_key_and_the_development_opt_in()
    {
        var options = Valid();
        options.Domain = null;
        var failure = Assert.Single(LinkFailures(options));
        Assert.StartsWith("Djoser:Domain is required because djoser's e-mails carry links to the front end", failure, StringComparison.Ordinal);
        Assert.Contains("Djoser:Email:UseRequestHost = true", failure, StringComparison.Ordinal);

        options.Email.UseRequestHost = true;
        Assert.Empty(LinkFailures(options));
    }

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("app.example.com/")]
    [InlineData("app example.com")]
    public void Domain_must_be_a_host(string domain)
    {
        var options = Valid();
        options.Domain = domain;
        Assert.StartsWith($"Djoser:Domain '{domain}' must be a host with an optional port", Assert.Single(LinkFailures(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Domain_may_carry_a_port()
    {
        var options = Valid();
        options.Domain = "localhost:8000";
        Assert.Empty(LinkFailures(options));
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("HTTPS")]
    [InlineData("")]
    public void Protocol_is_https_or_http(string protocol)
    {
        var options = Valid();
        options.Protocol = protocol;
        Assert.Equal($"Djoser:Protocol '{protocol}' must be 'https' (the default) or 'http'.", Assert.Single(LinkFailures(options)));
        options.Protocol = "http";
        Assert.Empty(LinkFailures(options));
    }

    [Fact]
    public void Protocol_defaults_to_https() => Assert.Equal("https", new DjoserOptions().Protocol);

    [Fact]
    public void No_template_directory_parses_nothing() => Assert.Empty(TemplateFailures(null));

    [Fact]
    public void Template_that_does_not_parse_names_the_file_and_line()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("activation.text.liquid", "Hello {{ user.username }}\n\nGo to {% if url %}{{ url }}\n");
        var failure = Assert.Single(TemplateFailures(directory.Path));
        Assert.StartsWith($"E-mail template {path} does not parse, line ", failure, StringComparison.Ordinal);
        Assert.EndsWith("line 3, column 10: Error while parsing if statement: The `endif statement` was not found in: if <expression> ... end|else|else if", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_with_an_unknown_name_is_refused()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("activaton.subject.liquid", "Hi");
        var failure = Assert.Single(TemplateFailures(directory.Path));
        Assert.StartsWith($"E-mail template {path} is not named after a built-in template; use one of: activation.html.liquid, activation.subject.liquid,", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_template_directory_names_the_key() =>
        Assert.StartsWith("Djoser:Email:TemplateDirectory 'no-such-templates-folder' is not a folder", Assert.Single(TemplateFailures("no-such-templates-folder")), StringComparison.Ordinal);

    [Fact]
    public void Valid_overrides_pass_and_other_files_are_ignored()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("confirmation.subject.liquid", "Welcome to {{ site_name }}");
        directory.Write("README.txt", "not a template");
        Assert.Empty(TemplateFailures(directory.Path));
    }

    [Fact]
    public void Broken_override_stops_the_start_through_options_validation()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("password_reset.html.liquid", "{% for x in %}");
        using var host = new TestHost(settings: new() { ["Djoser:Email:TemplateDirectory"] = directory.Path });
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DjoserOptions>>().Value);
        Assert.Contains("password_reset.html.liquid does not parse, line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_replaces_only_its_part()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("confirmation.subject.liquid", "Welcome to {{ site_name }}, {{ user.username }}");
        var options = Options.Create(Valid());
        options.Value.Email.TemplateDirectory = directory.Path;
        var rendered = new DjoserEmailRenderer(new DjoserEmailTemplates(options)).Render(
            DjoserEmailKind.Confirmation,
            new DjoserEmailContext("ann@example.com", "ann", "app.example.com", "Example", "https"));
        Assert.Equal("Welcome to Example, ann", rendered.Subject);
        Assert.StartsWith("Your account was created and activated; it is ready for use.", rendered.TextBody, StringComparison.Ordinal);
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("djoser-templates-").FullName;

        public string Write(string name, string text)
        {
            var path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
