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
    private sealed class NoEmailModel : IDjoserUserModel<IdentityUser>
    {
        private readonly FakeUserModel _inner = new();

        public DjoserFieldInfo UsernameField => _inner.UsernameField;

        public IReadOnlyList<DjoserFieldInfo> RequiredFields => [];

        public DjoserPayloadTypes PayloadTypes => _inner.PayloadTypes;

        public string? GetUsername(IdentityUser user) => _inner.GetUsername(user);

        public void SetUsername(IdentityUser user, string username) => _inner.SetUsername(user, username);

        public string? ReadUsername(DjoserRequestBody body, DjoserValidationErrors errors) => _inner.ReadUsername(body, errors);

        public IEnumerable<KeyValuePair<string, string?>> GetSimilarityAttributes(IdentityUser user) => _inner.GetSimilarityAttributes(user);

        public void AddServices<TContext>(IServiceCollection services)
            where TContext : DbContext => _inner.AddServices<TContext>(services);

        public void ConfigureModel(ModelBuilder modelBuilder) => _inner.ConfigureModel(modelBuilder);

        public IDjoserRegistration<IdentityUser>? BindRegistration(DjoserRequestBody body, DjoserValidationErrors errors) => _inner.BindRegistration(body, errors);

        public IDjoserUserUpdate<IdentityUser>? BindUpdate(DjoserRequestBody body, bool partial, DjoserValidationErrors errors) => _inner.BindUpdate(body, partial, errors);

        public IDjoserUsernameChange? BindSetUsername(DjoserRequestBody body, bool retype, DjoserValidationErrors errors) => _inner.BindSetUsername(body, retype, errors);

        public IDjoserUsernameChange? BindNewUsername(DjoserRequestBody body, bool retype, DjoserValidationErrors errors) => _inner.BindNewUsername(body, retype, errors);

        public System.Linq.Expressions.Expression<Func<IdentityUser, bool>>? MatchUserId(string routeValue) => _inner.MatchUserId(routeValue);

        public DjoserFieldInfo LoginField => _inner.LoginField;

        public System.Linq.Expressions.Expression<Func<IdentityUser, bool>>? MatchLogin(string login) => _inner.MatchLogin(login);

        public void WriteUser(System.Text.Json.Utf8JsonWriter writer, IdentityUser user, DjoserUserShape shape) => _inner.WriteUser(writer, user, shape);
    }
}
