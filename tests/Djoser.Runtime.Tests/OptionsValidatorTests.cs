using Djoser.Configuration;

namespace Djoser.Runtime.Tests;

/// <summary>Misconfiguration stops start-up with a message naming the setting (djoser would answer 500 at the first e-mail).</summary>
public sealed class OptionsValidatorTests
{
    private static DjoserOptions Valid() => new()
    {
        PasswordResetConfirmUrl = "#/password/reset/confirm/{uid}/{token}",
    };

    [Fact]
    public void Validate_Defaults_WithResetUrl_Succeeds()
    {
        Assert.True(new DjoserOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Validate_ActivationWithoutUrl_NamesActivationUrl()
    {
        var options = Valid();
        options.SendActivationEmail = true;
        var result = new DjoserOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Djoser:ActivationUrl is required because Djoser:SendActivationEmail is true", result.FailureMessage);
    }

    [Fact]
    public void Validate_MissingResetUrl_NamesPasswordResetConfirmUrl()
    {
        var result = new DjoserOptionsValidator().Validate(null, new DjoserOptions());
        Assert.Contains("Djoser:PasswordResetConfirmUrl is required", result.FailureMessage);
    }

    [Theory]
    [InlineData("#/activate/{uid}", "must contain both {uid} and {token}")]
    [InlineData("/activate/{uid}/{token}", "must not start with '/'")]
    public void Validate_BadLinkTemplate_Explains(string template, string expected)
    {
        var options = Valid();
        options.SendActivationEmail = true;
        options.ActivationUrl = template;
        Assert.Contains(expected, new DjoserOptionsValidator().Validate(null, options).FailureMessage);
    }

    [Fact]
    public void Validate_NonPositiveTimeoutAndNegativeCache_AreRejected()
    {
        var options = Valid();
        options.PasswordResetTimeout = TimeSpan.Zero;
        options.AuthTokenCacheDuration = TimeSpan.FromSeconds(-1);
        var message = new DjoserOptionsValidator().Validate(null, options).FailureMessage;
        Assert.Contains("Djoser:PasswordResetTimeout must be positive", message);
        Assert.Contains("Djoser:AuthTokenCacheDuration must not be negative", message);
    }

    [Fact]
    public void Validate_UnknownLayout_IsRejected()
    {
        var options = Valid();
        options.UrlLayout = (DjoserUrlLayout)42;
        Assert.Contains("Djoser:UrlLayout", new DjoserOptionsValidator().Validate(null, options).FailureMessage);
    }
}
