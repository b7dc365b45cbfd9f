using Microsoft.Extensions.Options;

namespace Djoser.IntegrationTests;

/// <summary>A misconfigured application does not start (options are validated on start).</summary>
public sealed class StartupTests
{
    [Fact]
    public void Start_ActivationOnWithoutUrl_FailsNamingTheSetting()
    {
        using var app = new MisconfiguredApp();
        var exception = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Djoser:ActivationUrl is required because Djoser:SendActivationEmail is true", exception.Message);
    }

    private sealed class MisconfiguredApp() : DjoserApp(new Dictionary<string, string?> { ["Djoser:ActivationUrl"] = "" });
}
