using System.Text;
using System.Text.Json;
using Djoser.Errors;

namespace Djoser.Runtime.Tests.Binding;

public sealed class DjoserValidationErrorsTests
{
    private static string Json(DjoserValidationErrors errors)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            errors.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void New_NothingAdded_HasNoErrorsAndWritesEmptyObject()
    {
        var errors = new DjoserValidationErrors();

        Assert.False(errors.HasErrors);
        Assert.Empty(errors.Entries);
        Assert.Equal("{}", Json(errors));
    }

    [Fact]
    public void Add_SeveralFields_KeepsInsertionOrder()
    {
        var errors = new DjoserValidationErrors();
        errors.Add("username", DjoserMessages.Required);
        errors.Add("password", DjoserMessages.Required);
        errors.Add("email", DjoserMessages.InvalidEmail);

        Assert.True(errors.HasErrors);
        Assert.Equal(["username", "password", "email"], errors.Entries.Select(entry => entry.Key));
        Assert.Equal(
            """{"username":["This field is required."],"password":["This field is required."],"email":["Enter a valid email address."]}""",
            Json(errors));
    }

    [Fact]
    public void Add_SameFieldTwice_AppendsToTheFirstEntry()
    {
        var errors = new DjoserValidationErrors();
        errors.Add("email", "one");
        errors.Add("password", "two");
        errors.Add("email", "three");

        Assert.Equal(["one", "three"], errors["email"]);
        Assert.Equal("""{"email":["one","three"],"password":["two"]}""", Json(errors));
    }

    [Fact]
    public void AddNonField_Message_UsesNonFieldErrorsKey()
    {
        var errors = new DjoserValidationErrors();
        errors.AddNonField("The two password fields didn't match.");

        Assert.True(errors.Contains("non_field_errors"));
        Assert.Equal("""{"non_field_errors":["The two password fields didn\u0027t match."]}""", Json(errors));
    }

    [Fact]
    public void AddRange_Messages_AddsAllInOrder()
    {
        var errors = new DjoserValidationErrors();
        errors.AddRange("password", [DjoserMessages.PasswordTooCommon, DjoserMessages.PasswordEntirelyNumeric]);

        Assert.Equal([DjoserMessages.PasswordTooCommon, DjoserMessages.PasswordEntirelyNumeric], errors["password"]);
    }

    [Fact]
    public void AddRange_NoMessages_RecordsNothing()
    {
        var errors = new DjoserValidationErrors();
        errors.AddRange("password", []);

        Assert.False(errors.HasErrors);
        Assert.False(errors.Contains("password"));
        Assert.Equal("{}", Json(errors));
    }

    [Fact]
    public void Indexer_UnknownField_ReturnsEmpty()
    {
        var errors = new DjoserValidationErrors();
        errors.Add("email", "x");

        Assert.Empty(errors["username"]);
        Assert.False(errors.Contains("username"));
        Assert.True(errors.Contains("email"));
    }

    [Fact]
    public void WriteTo_MessageWithQuotesAndNonAscii_WritesValidJson()
    {
        var errors = new DjoserValidationErrors();
        errors.Add("role", "\"é\" is not a valid choice.");

        using var document = JsonDocument.Parse(Json(errors));
        Assert.Equal("\"é\" is not a valid choice.", document.RootElement.GetProperty("role")[0].GetString());
    }
}
