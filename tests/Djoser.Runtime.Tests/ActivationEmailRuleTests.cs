using Djoser.Binding;
using Djoser.Configuration;
using Djoser.Endpoints;
using Djoser.Errors;
using static Djoser.Runtime.Tests.Binding.BindingTestSupport;

namespace Djoser.Runtime.Tests;

/// <summary>With activation e-mails on, registration requires the optional e-mail of a username-based model.</summary>
public sealed class ActivationEmailRuleTests
{
    private static readonly DjoserOptions ActivationOn = new() { SendActivationEmail = true };

    private readonly FakeUserModel _model = new();

    [Theory]
    [InlineData("""{"username": "bob", "password": "pw"}""", "This field is required.")]
    [InlineData("""{"username": "bob", "email": null, "password": "pw"}""", "This field may not be null.")]
    [InlineData("""{"username": "bob", "email": "  ", "password": "pw"}""", "This field may not be blank.")]
    public void Apply_ActivationOnAndNoEmail_ReportsEmail(string json, string message)
    {
        var errors = DjoserActivationEmailRule.Apply(ActivationOn, _model, Json(json), new DjoserValidationErrors());

        Assert.Equal(["email"], errors.Entries.Select(e => e.Key));
        Assert.Equal([message], errors["email"]);
    }

    [Fact]
    public void Apply_ActivationOnAndEmptyFormEmail_ReportsBlank()
    {
        var errors = DjoserActivationEmailRule.Apply(ActivationOn, _model, Form(("username", "bob"), ("email", "")), new DjoserValidationErrors());

        Assert.Equal(["This field may not be blank."], errors["email"]);
    }

    [Fact]
    public void Apply_OtherFieldsFailed_PutsEmailInDrfFieldOrder()
    {
        // REQUIRED_FIELDS (email) come before USERNAME_FIELD and password in UserCreateSerializer.
        var bound = new DjoserValidationErrors();
        bound.Add("username", DjoserMessages.Required);
        bound.Add("password", DjoserMessages.Required);

        var errors = DjoserActivationEmailRule.Apply(ActivationOn, _model, Json("{}"), bound);

        Assert.Equal(["email", "username", "password"], errors.Entries.Select(e => e.Key));
        Assert.All(errors.Entries, e => Assert.Equal([DjoserMessages.Required], e.Value));
    }

    [Fact]
    public void Apply_ActivationOnAndEmailGiven_AddsNothing()
    {
        var bound = new DjoserValidationErrors();

        var errors = DjoserActivationEmailRule.Apply(ActivationOn, _model, Json("""{"username": "bob", "email": "bob@example.com"}"""), bound);

        Assert.Same(bound, errors);
        Assert.False(errors.HasErrors);
    }

    [Fact]
    public void Apply_EmailAlreadyFailed_KeepsTheBindersError()
    {
        var bound = new DjoserValidationErrors();
        bound.Add("email", DjoserMessages.InvalidEmail);

        var errors = DjoserActivationEmailRule.Apply(ActivationOn, _model, Json("""{"email": "nope"}"""), bound);

        Assert.Equal([DjoserMessages.InvalidEmail], errors["email"]);
        Assert.Single(errors.Entries);
    }

    [Fact]
    public void Apply_ActivationOff_LeavesEmailOptional()
    {
        var errors = DjoserActivationEmailRule.Apply(new DjoserOptions(), _model, Json("""{"username": "bob"}"""), new DjoserValidationErrors());

        Assert.False(errors.HasErrors);
    }
}
