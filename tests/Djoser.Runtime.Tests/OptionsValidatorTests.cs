using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Runtime.Tests;

/// <summary>
/// Misconfiguration stops start-up with a message naming the setting (djoser would answer 500 at the first e-mail).
/// Every message is asserted whole, so each example shown is the one that fits its key.
/// </summary>
public sealed class OptionsValidatorTests
{
    private static DjoserOptions Valid() => new()
    {
        PasswordResetConfirmUrl = "#/password/reset/confirm/{uid}/{token}",
    };

    private static string[] Failures(DjoserOptions options) =>
        [.. new DjoserOptionsValidator().Validate(null, options).Failures ?? []];

    private static string[] UsernameResetFailures(DjoserOptions options) =>
        [.. new DjoserUsernameResetOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void Validate_Defaults_WithResetUrl_Succeeds()
    {
        Assert.True(new DjoserOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Validate_ActivationWithUrl_Succeeds()
    {
        var options = Valid();
        options.SendActivationEmail = true;
        options.ActivationUrl = "#/activate/{uid}/{token}";
        Assert.True(new DjoserOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_ActivationOffWithoutUrl_Succeeds(string? url)
    {
        var options = Valid();
        options.ActivationUrl = url;
        Assert.True(new DjoserOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_ActivationWithoutUrl_ShowsTheActivationExample()
    {
        var options = Valid();
        options.SendActivationEmail = true;
        Assert.Equal(
            ["Djoser:ActivationUrl is required because Djoser:SendActivationEmail is true: set it to the front end's path with {uid} and {token}, e.g. '#/activate/{uid}/{token}'."],
            Failures(options));
    }

    [Fact]
    public void Validate_MissingResetUrl_ShowsTheResetExample()
    {
        Assert.Equal(
            ["Djoser:PasswordResetConfirmUrl is required because password reset e-mails link to it: set it to the front end's path with {uid} and {token}, e.g. '#/password/reset/confirm/{uid}/{token}'."],
            Failures(new DjoserOptions()));
    }

    [Theory]
    [InlineData(true, "#/activate/{uid}", "Djoser:ActivationUrl '#/activate/{uid}' must contain both {uid} and {token}, e.g. '#/activate/{uid}/{token}'.")]
    [InlineData(false, "#/activate/{token}", "Djoser:ActivationUrl '#/activate/{token}' must contain both {uid} and {token}, e.g. '#/activate/{uid}/{token}'.")]
    [InlineData(true, "/activate/{uid}/{token}", "Djoser:ActivationUrl '/activate/{uid}/{token}' must not start with '/': e-mails print the link as protocol://domain/<url>, e.g. '#/activate/{uid}/{token}'.")]
    public void Validate_BadActivationUrl_ShowsTheActivationExample(bool activation, string template, string expected)
    {
        var options = Valid();
        options.SendActivationEmail = activation;
        options.ActivationUrl = template;
        Assert.Equal([expected], Failures(options));
    }

    [Theory]
    [InlineData("#/reset/{token}", "Djoser:PasswordResetConfirmUrl '#/reset/{token}' must contain both {uid} and {token}, e.g. '#/password/reset/confirm/{uid}/{token}'.")]
    [InlineData("/reset/{uid}/{token}", "Djoser:PasswordResetConfirmUrl '/reset/{uid}/{token}' must not start with '/': e-mails print the link as protocol://domain/<url>, e.g. '#/password/reset/confirm/{uid}/{token}'.")]
    public void Validate_BadResetUrl_ShowsTheResetExample(string template, string expected)
    {
        var options = Valid();
        options.PasswordResetConfirmUrl = template;
        Assert.Equal([expected], Failures(options));
    }

    [Fact]
    public void Validate_UrlWithoutPlaceholdersStartingWithSlash_ReportsBoth()
    {
        var options = Valid();
        options.PasswordResetConfirmUrl = "/reset";
        Assert.Equal(
        [
            "Djoser:PasswordResetConfirmUrl '/reset' must contain both {uid} and {token}, e.g. '#/password/reset/confirm/{uid}/{token}'.",
            "Djoser:PasswordResetConfirmUrl '/reset' must not start with '/': e-mails print the link as protocol://domain/<url>, e.g. '#/password/reset/confirm/{uid}/{token}'.",
        ], Failures(options));
    }

    [Fact]
    public void Validate_NonPositiveTimeoutAndNegativeCache_AreRejected()
    {
        var options = Valid();
        options.PasswordResetTimeout = TimeSpan.Zero;
        options.AuthTokenCacheDuration = TimeSpan.FromSeconds(-1);
        Assert.Equal(
        [
            "Djoser:PasswordResetTimeout must be positive (e.g. 3.00:00:00 for three days).",
            "Djoser:AuthTokenCacheDuration must not be negative (e.g. 00:00:05, the default; 00:00:00 turns the cache off).",
        ], Failures(options));
    }

    [Fact]
    public void Validate_ZeroCache_Succeeds()
    {
        var options = Valid();
        options.AuthTokenCacheDuration = TimeSpan.Zero;
        Assert.True(new DjoserOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_UnknownLayout_IsRejected()
    {
        var options = Valid();
        options.UrlLayout = (DjoserUrlLayout)42;
        Assert.Equal(["Djoser:UrlLayout '42' is not a known layout; use V05, V1 or V2."], Failures(options));
    }

    [Fact]
    public void UsernameResetValidator_V1WithoutUrl_Succeeds()
    {
        Assert.True(new DjoserUsernameResetOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void UsernameResetValidator_V2WithUrl_Succeeds()
    {
        var options = Valid();
        options.UrlLayout = DjoserUrlLayout.V2;
        options.UsernameResetConfirmUrl = "#/username/reset/confirm/{uid}/{token}";
        Assert.True(new DjoserUsernameResetOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void UsernameResetValidator_V2WithoutUrl_ShowsTheUsernameResetExample(string? url)
    {
        var options = Valid();
        options.UrlLayout = DjoserUrlLayout.V2;
        options.UsernameResetConfirmUrl = url;
        Assert.Equal(
            ["Djoser:UsernameResetConfirmUrl is required because Djoser:UrlLayout is V2, whose username reset e-mails link to it: set it to the front end's path with {uid} and {token}, e.g. '#/username/reset/confirm/{uid}/{token}'."],
            UsernameResetFailures(options));
    }

    [Theory]
    [InlineData(DjoserUrlLayout.V2, "#/username/{uid}", "Djoser:UsernameResetConfirmUrl '#/username/{uid}' must contain both {uid} and {token}, e.g. '#/username/reset/confirm/{uid}/{token}'.")]
    [InlineData(DjoserUrlLayout.V2, "/username/{uid}/{token}", "Djoser:UsernameResetConfirmUrl '/username/{uid}/{token}' must not start with '/': e-mails print the link as protocol://domain/<url>, e.g. '#/username/reset/confirm/{uid}/{token}'.")]
    [InlineData(DjoserUrlLayout.V1, "#/username/{token}", "Djoser:UsernameResetConfirmUrl '#/username/{token}' must contain both {uid} and {token}, e.g. '#/username/reset/confirm/{uid}/{token}'.")]
    public void UsernameResetValidator_BadUrl_ShowsTheUsernameResetExample(DjoserUrlLayout layout, string template, string expected)
    {
        var options = Valid();
        options.UrlLayout = layout;
        options.UsernameResetConfirmUrl = template;
        Assert.Equal([expected], UsernameResetFailures(options));
    }

    [Fact]
    public void Startup_V1WithoutUsernameResetUrl_Starts()
    {
        using var host = new TestHost();
        var options = host.Services.GetRequiredService<IOptions<DjoserOptions>>().Value;
        Assert.Equal((DjoserUrlLayout.V1, null), (options.UrlLayout, options.UsernameResetConfirmUrl));
    }

    [Fact]
    public void Startup_V2WithoutUsernameResetUrl_FailsNamingTheKey()
    {
        using var host = new TestHost(settings: new() { ["Djoser:UrlLayout"] = "V2" });
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DjoserOptions>>().Value);
        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Djoser:UsernameResetConfirmUrl is required because Djoser:UrlLayout is V2", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyFrom_IsRejected()
    {
        var options = Valid();
        options.Email.From = " ";
        Assert.Equal(
            ["Djoser:Email:From must be the e-mail address djoser's e-mails are sent from (Django's DEFAULT_FROM_EMAIL), e.g. 'webmaster@example.com'."],
            Failures(options));
    }

    [Fact]
    public void PickupValidator_DefaultSenderWithoutDirectory_ShowsAFolderExample()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDjoserEmailSender, DjoserEmailSender>();
        services.AddSingleton<IDjoserEmailTransport, DjoserEmailTransport>();
        var validator = new DjoserPickupDirectoryValidator(services);
        Assert.Equal(
            "Djoser:Email:PickupDirectory is required because Djoser:Email:Delivery is Pickup (the default), which writes djoser's e-mails there as .eml files: " +
            "set it to a folder (e.g. 'mail'), set Djoser:Email:Delivery to Smtp, or register your own Djoser.Emails.IDjoserEmailTransport to send them another way.",
            Assert.Single(validator.Validate(null, Valid()).Failures!));

        var withDirectory = Valid();
        withDirectory.Email.PickupDirectory = "mail";
        Assert.True(validator.Validate(null, withDirectory).Succeeded);
    }

    [Theory]
    [InlineData("Djoser:Password:MinimumLength", "-1", "Djoser:Password:MinimumLength must not be negative (e.g. 8, Django's default).")]
    [InlineData("Djoser:Password:MaxSimilarity", "0.09", "Djoser:Password:MaxSimilarity must be at least 0.1, Django's lower bound (e.g. 0.7, Django's default).")]
    public void PasswordOptions_OutOfRange_AreRejected(string key, string value, string expected)
    {
        using var services = PasswordServices(new() { [key] = value });
        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DjoserPasswordOptions>>().Value);
        Assert.Equal([expected], exception.Failures);
    }

    [Fact]
    public void PasswordOptions_Bounds_AreAccepted()
    {
        using var services = PasswordServices(new() { ["Djoser:Password:MinimumLength"] = "0", ["Djoser:Password:MaxSimilarity"] = "0.1" });
        var options = services.GetRequiredService<IOptions<DjoserPasswordOptions>>().Value;
        Assert.Equal((0, 0.1), (options.MinimumLength, options.MaxSimilarity));
    }

    private static ServiceProvider PasswordServices(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        DjoserServiceCollectionExtensions.AddDjoserCore<IdentityUser, string, TestDbContext>(services, new FakeUserModel());
        return services.BuildServiceProvider();
    }
}
