using Djoser.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Emails;

/// <summary>
/// Fails start-up when the e-mail sender in effect is the default pickup-directory sender and
/// <c>Djoser:Email:PickupDirectory</c> is unset, instead of a 500 on the first e-mail. It looks at the final service
/// collection, so an <see cref="IDjoserEmailSender"/> of the application's own (registered before or after
/// <c>AddDjoser</c>) switches the check off.
/// </summary>
internal sealed class DjoserPickupDirectoryValidator : IValidateOptions<DjoserOptions>
{
    /// <summary>The message of a missing pickup directory, at start-up and at send time.</summary>
    internal const string MissingDirectoryMessage =
        "Djoser:Email:PickupDirectory is required because the default e-mail sender writes djoser's e-mails there as .eml files: "
        + "set it to a folder (e.g. 'mail'), or register your own Djoser.Emails.IDjoserEmailSender to send them another way.";

    private readonly IServiceCollection _services;

    public DjoserPickupDirectoryValidator(IServiceCollection services)
    {
        _services = services;
    }

    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Email.PickupDirectory) || !UsesPickupSender())
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(MissingDirectoryMessage);
    }

    private bool UsesPickupSender()
    {
        ServiceDescriptor? last = null;
        foreach (var descriptor in _services)
        {
            if (descriptor.ServiceType == typeof(IDjoserEmailSender))
            {
                last = descriptor;
            }
        }

        return last is { IsKeyedService: false, ImplementationType: { } type } && type == typeof(DjoserPickupDirectoryEmailSender);
    }
}
