using Djoser.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Emails;

/// <summary>
/// Fails start-up when e-mails go to the pickup folder (the default sender and transport, <c>Djoser:Email:Delivery</c>
/// <c>Pickup</c>) and <c>Djoser:Email:PickupDirectory</c> is unset, instead of a 500 on the first e-mail. It looks at
/// the final service collection, so an <see cref="IDjoserEmailSender"/> or <see cref="IDjoserEmailTransport"/> of the
/// application's own (registered before or after <c>AddDjoser</c>) switches the check off.
/// </summary>
internal sealed class DjoserPickupDirectoryValidator : IValidateOptions<DjoserOptions>
{
    /// <summary>The message of a missing pickup directory, at start-up and at send time.</summary>
    internal const string MissingDirectoryMessage =
        "Djoser:Email:PickupDirectory is required because Djoser:Email:Delivery is Pickup (the default), which writes djoser's e-mails there as .eml files: "
        + "set it to a folder (e.g. 'mail'), set Djoser:Email:Delivery to Smtp, or register your own Djoser.Emails.IDjoserEmailTransport to send them another way.";

    private readonly IServiceCollection _services;

    public DjoserPickupDirectoryValidator(IServiceCollection services)
    {
        _services = services;
    }

    public ValidateOptionsResult Validate(string? name, DjoserOptions options)
    {
        if (options.Email.Delivery != DjoserEmailDelivery.Pickup || !string.IsNullOrWhiteSpace(options.Email.PickupDirectory)
            || !IsDefault(typeof(IDjoserEmailSender), typeof(DjoserEmailSender)) || !IsDefault(typeof(IDjoserEmailTransport), typeof(DjoserEmailTransport)))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(MissingDirectoryMessage);
    }

    /// <summary>Whether the last registration of <paramref name="service"/>, the one resolved, is djoser's <paramref name="implementation"/>.</summary>
    private bool IsDefault(Type service, Type implementation)
    {
        ServiceDescriptor? last = null;
        foreach (var descriptor in _services)
        {
            if (descriptor.ServiceType == service)
            {
                last = descriptor;
            }
        }

        return last is { IsKeyedService: false, ImplementationType: { } type } && type == implementation;
    }
}
