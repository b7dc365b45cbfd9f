using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Errors;
using Djoser.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>Activation e-mails need an address at registration: a model that takes none stops the start.</summary>
public sealed class ActivationModelValidatorTests
{
    [Fact]
    public void ActivationOn_ModelWithoutEmail_FailsNamingTheFix()
    {
        var result = new DjoserActivationModelValidator<IdentityUser>(new NoEmailModel()).Validate(null, new DjoserOptions { SendActivationEmail = true });
        Assert.True(result.Failed);
        Assert.Equal(
            "Djoser:SendActivationEmail is true, but registration of 'IdentityUser' takes no e-mail address, so no user could ever be activated: " +
            "add nameof(Email) to [DjoserUser(RequiredFields = [...])] on 'Microsoft.AspNetCore.Identity.IdentityUser', or turn Djoser:SendActivationEmail off.",
            result.FailureMessage);
    }

    [Fact]
    public void ActivationOff_ModelWithoutEmail_Starts()
    {
        Assert.True(new DjoserActivationModelValidator<IdentityUser>(new NoEmailModel()).Validate(null, new DjoserOptions()).Succeeded);
    }

    [Fact]
    public void ActivationOn_EmailAmongRequiredFields_Starts()
    {
        Assert.True(new DjoserActivationModelValidator<IdentityUser>(new FakeUserModel()).Validate(null, new DjoserOptions { SendActivationEmail = true }).Succeeded);
    }

    /// <summary>Identity's user with a username and nothing else at registration.</summary>
    private sealed class NoEmailModel : DelegatingUserModel
    {
        public override IReadOnlyList<DjoserFieldInfo> RequiredFields => [];
    }
}
