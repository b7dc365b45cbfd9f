using System.Text.Json;
using Djoser.Binding;
using Djoser.Errors;
using static Djoser.Runtime.Tests.Binding.BindingTestSupport;

namespace Djoser.Runtime.Tests.Binding;

public sealed class DjoserRequestBodyTests
{
    private const DjoserFieldRules Required = DjoserFieldRules.Required;

    private readonly DjoserValidationErrors _errors = new();

    private DjoserOptional<string?> ReadString(DjoserRequestBody body, DjoserFieldRules rules, int maxLength = 0, int minLength = 0) =>
        body.ReadString("field", rules, _errors, maxLength: maxLength, minLength: minLength);

    private void AssertError(string message) => Assert.Equal([message], _errors["field"]);

    // ReadString: presence, null, blank

    [Fact]
    public void ReadString_RequiredAbsent_ReportsRequired()
    {
        var read = ReadString(Json("{}"), Required);

        Assert.False(read.HasValue);
        AssertError("This field is required.");
    }

    [Fact]
    public void ReadString_OptionalAbsent_IsNoneWithoutError()
    {
        var read = ReadString(Json("""{"other": "x"}"""), DjoserFieldRules.None);

        Assert.False(read.HasValue);
        Assert.False(_errors.HasErrors);
    }

    [Fact]
    public void ReadString_NullNotAllowed_ReportsNull()
    {
        var read = ReadString(Json("""{"field": null}"""), Required);

        Assert.False(read.HasValue);
        AssertError("This field may not be null.");
    }

    [Fact]
    public void ReadString_NullAllowed_IsSomeNull()
    {
        var read = ReadString(Json("""{"field": null}"""), Required | DjoserFieldRules.AllowNull);

        Assert.True(read.HasValue);
        Assert.Null(read.Value);
        Assert.False(_errors.HasErrors);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("\"\\t\\n \"")]
    [InlineData("\"\\u001c\"")]
    public void ReadString_BlankNotAllowed_ReportsBlank(string json)
    {
        var read = ReadString(Json($$"""{"field": {{json}}}"""), Required);

        Assert.False(read.HasValue);
        AssertError("This field may not be blank.");
    }

    [Fact]
    public void ReadString_BlankNotAllowedButNullAllowed_StillReportsBlankForJson()
    {
        ReadString(Json("""{"field": ""}"""), DjoserFieldRules.AllowNull);

        AssertError("This field may not be blank.");
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void ReadString_BlankAllowed_IsEmptyString(string json)
    {
        var read = ReadString(Json($$"""{"field": {{json}}}"""), Required | DjoserFieldRules.AllowBlank);

        Assert.True(read.HasValue);
        Assert.Equal(string.Empty, read.Value);
        Assert.False(_errors.HasErrors);
    }

    // ReadString: trimming and types

    [Fact]
    public void ReadString_SurroundingWhitespace_IsTrimmed()
    {
        var read = ReadString(Json("""{"field": "  Ann \t\n"}"""), Required);

        Assert.Equal("Ann", read.Value);
    }

    [Fact]
    public void ReadString_KeepWhitespace_KeepsItAndWhitespaceOnlyIsNotBlank()
    {
        Assert.Equal("  pass  ", ReadString(Json("""{"field": "  pass  "}"""), Required | DjoserFieldRules.KeepWhitespace).Value);
        Assert.Equal("   ", ReadString(Json("""{"field": "   "}"""), Required | DjoserFieldRules.KeepWhitespace).Value);
        Assert.False(_errors.HasErrors);
    }

    [Theory]
    [InlineData("12", "12")]
    [InlineData("-0", "0")]
    [InlineData("12.0", "12.0")]
    [InlineData("12.50", "12.5")]
    [InlineData("1e5", "100000.0")]
    [InlineData("1E2", "100.0")]
    [InlineData("1e16", "1e+16")]
    [InlineData("1.5e16", "1.5e+16")]
    [InlineData("1e15", "1000000000000000.0")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("-2.5e-7", "-2.5e-07")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("0.1", "0.1")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    public void ReadString_Number_IsPythonText(string json, string expected)
    {
        var read = ReadString(Json($$"""{"field": {{json}}}"""), Required);

        Assert.True(read.HasValue);
        Assert.Equal(expected, read.Value);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("[]")]
    [InlineData("[\"a\"]")]
    [InlineData("{}")]
    public void ReadString_NotStringOrNumber_ReportsNotAValidString(string json)
    {
        var read = ReadString(Json($$"""{"field": {{json}}}"""), Required);

        Assert.False(read.HasValue);
        AssertError("Not a valid string.");
    }

    // ReadString: max length and e-mail

    [Fact]
    public void ReadString_LongerThanMaxLength_ReportsMaxLength()
    {
        var read = ReadString(Json("""{"field": "abcdef"}"""), Required, maxLength: 5);

        Assert.False(read.HasValue);
        AssertError("Ensure this field has no more than 5 characters.");
    }

    [Fact]
    public void ReadString_MaxLengthAfterTrim_IsAccepted()
    {
        var read = ReadString(Json("""{"field": "  abcde  "}"""), Required, maxLength: 5);

        Assert.Equal("abcde", read.Value);
    }

    [Fact]
    public void ReadString_MaxLength_CountsCodePointsLikePython()
    {
        var read = ReadString(Json("""{"field": "😀😀😀"}"""), Required, maxLength: 3);

        Assert.Equal("😀😀😀", read.Value);
        Assert.False(_errors.HasErrors);
    }

    [Fact]
    public void ReadString_InvalidEmail_ReportsInvalidEmail()
    {
        var read = ReadString(Json("""{"field": "not-an-email"}"""), Required | DjoserFieldRules.Email);

        Assert.False(read.HasValue);
        AssertError("Enter a valid email address.");
    }

    [Fact]
    public void ReadString_Email_TrimsAndLowerCasesDomainOnly()
    {
        var read = ReadString(Json("""{"field": "  Ann.Smith@EXAMPLE.Com "}"""), Required | DjoserFieldRules.Email);

        Assert.Equal("Ann.Smith@example.com", read.Value);
    }

    [Fact]
    public void ReadString_TooLongInvalidEmail_ReportsBothInDrfOrder()
    {
        ReadString(Json("""{"field": "abcdefghij"}"""), Required | DjoserFieldRules.Email, maxLength: 5);

        Assert.Equal(["Ensure this field has no more than 5 characters.", "Enter a valid email address."], _errors["field"]);
    }

    // ReadString: min length, null characters, username validators, and their order (DRF's validator order)

    [Fact]
    public void ReadString_ShorterThanMinLength_ReportsMinLength()
    {
        var read = ReadString(Json("""{"field": " ab "}"""), Required, minLength: 3);

        Assert.False(read.HasValue);
        AssertError("Ensure this field has at least 3 characters.");
    }

    [Fact]
    public void ReadString_MinLength_CountsCodePointsLikePython()
    {
        var read = ReadString(Json("""{"field": "😀😀"}"""), Required, minLength: 3);

        Assert.False(read.HasValue);
        AssertError("Ensure this field has at least 3 characters.");
    }

    [Fact]
    public void ReadString_ExactlyMinAndMaxLength_IsAccepted()
    {
        Assert.Equal("abc", ReadString(Json("""{"field": "abc"}"""), Required, maxLength: 3, minLength: 3).Value);
        Assert.False(_errors.HasErrors);
    }

    [Fact]
    public void ReadString_MinLengthDoesNotApplyToAllowedBlank()
    {
        var read = ReadString(Json("""{"field": ""}"""), DjoserFieldRules.AllowBlank, minLength: 3);

        Assert.Equal(string.Empty, read.Value);
        Assert.False(_errors.HasErrors);
    }

    [Theory]
    [InlineData("""{"field": "a\u0000b"}""")]
    [InlineData("""{"field": "\u0000x"}""")]
    public void ReadString_NullCharacterInJson_IsRefused(string json)
    {
        var read = ReadString(Json(json), Required);

        Assert.False(read.HasValue);
        AssertError("Null characters are not allowed.");
    }

    [Fact]
    public void ReadString_NullCharacterInForm_IsRefused()
    {
        var read = ReadString(Form(("field", "a\0b")), Required);

        Assert.False(read.HasValue);
        AssertError("Null characters are not allowed.");
    }

    [Fact]
    public void ReadString_NullCharacterInKeptWhitespacePassword_IsRefused()
    {
        ReadString(Json("""{"field": " s3cret\u0000 "}"""), Required | DjoserFieldRules.KeepWhitespace);

        AssertError("Null characters are not allowed.");
    }

    [Fact]
    public void ReadString_TooLongWithNullCharacter_ReportsMaxThenNull()
    {
        ReadString(Json("""{"field": "abcd\u0000"}"""), Required, maxLength: 3);

        Assert.Equal(["Ensure this field has no more than 3 characters.", "Null characters are not allowed."], _errors["field"]);
    }

    [Fact]
    public void ReadString_TooShortWithNullCharacterAndInvalidEmail_ReportsMinThenNullThenEmail()
    {
        ReadString(Json("""{"field": "a\u0000"}"""), Required | DjoserFieldRules.Email, minLength: 5);

        Assert.Equal(
            ["Ensure this field has at least 5 characters.", "Null characters are not allowed.", "Enter a valid email address."],
            _errors["field"]);
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("bob.smith+tag@home_1-2")]
    [InlineData("José")]
    [InlineData("Иван")]
    [InlineData("李小龍")]
    [InlineData("١٢٣")]
    public void ReadString_UnicodeUsername_AcceptsLettersDigitsAndSymbols(string username)
    {
        var read = ReadString(Json(JsonSerializer.Serialize(new { field = username })), Required | DjoserFieldRules.UnicodeUsername);

        Assert.Equal(username, read.Value);
        Assert.False(_errors.HasErrors);
    }

    [Theory]
    [InlineData("bob smith")]
    [InlineData("bob!")]
    [InlineData("😀")]
    [InlineData("e\u0301")] // a combining mark: Python's \w, unlike .NET's, does not match it
    [InlineData("a/b")]
    public void ReadString_UnicodeUsername_RefusesOtherCharacters(string username)
    {
        var read = ReadString(Json(JsonSerializer.Serialize(new { field = username })), Required | DjoserFieldRules.UnicodeUsername);

        Assert.False(read.HasValue);
        AssertError("Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
    }

    [Fact]
    public void ReadString_AsciiUsername_RefusesNonAsciiLetters()
    {
        Assert.Equal("bob_1", ReadString(Json("""{"field": "bob_1"}"""), Required | DjoserFieldRules.AsciiUsername).Value);
        var read = ReadString(Json("""{"field": "José"}"""), Required | DjoserFieldRules.AsciiUsername);

        Assert.False(read.HasValue);
        AssertError("Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
    }

    [Fact]
    public void ReadString_InvalidTooLongUsernameWithNull_ReportsUsernameValidatorFirst()
    {
        // DRF passes the model field's validators to the CharField, which appends max length and null characters.
        ReadString(Json("""{"field": "ab c\u0000"}"""), Required | DjoserFieldRules.UnicodeUsername, maxLength: 4);

        Assert.Equal(
            [
                "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
                "Ensure this field has no more than 4 characters.",
                "Null characters are not allowed.",
            ],
            _errors["field"]);
    }

    [Fact]
    public void ReadString_BlankEmail_ReportsBlankOnly()
    {
        ReadString(Json("""{"field": ""}"""), Required | DjoserFieldRules.Email);

        AssertError("This field may not be blank.");
    }

    // ReadString: forms

    [Fact]
    public void ReadString_FormRepeatedKey_LastValueWins()
    {
        var read = ReadString(Form(("field", "first"), ("field", "last")), Required);

        Assert.Equal("last", read.Value);
    }

    [Fact]
    public void ReadString_FormValue_IsTrimmed()
    {
        Assert.Equal("Ann", ReadString(Form(("field", "  Ann  ")), Required).Value);
    }

    [Fact]
    public void ReadString_FormAbsentRequired_ReportsRequired()
    {
        ReadString(Form(("other", "x")), Required);

        AssertError("This field is required.");
    }

    [Fact]
    public void ReadString_FormEmptyRequired_ReportsBlank()
    {
        ReadString(Form(("field", "")), Required);

        AssertError("This field may not be blank.");
    }

    [Fact]
    public void ReadString_FormEmptyOptional_IsTreatedAsNotSent()
    {
        var read = ReadString(Form(("field", "")), DjoserFieldRules.None);

        Assert.False(read.HasValue);
        Assert.False(_errors.HasErrors);
    }

    [Fact]
    public void ReadString_FormWhitespaceOptional_ReportsBlank()
    {
        ReadString(Form(("field", "   ")), DjoserFieldRules.None);

        AssertError("This field may not be blank.");
    }

    [Fact]
    public void ReadString_FormEmptyForNullableField_IsNull()
    {
        var read = ReadString(Form(("field", "")), Required | DjoserFieldRules.AllowNull);

        Assert.True(read.HasValue);
        Assert.Null(read.Value);
        Assert.False(_errors.HasErrors);
    }

    [Fact]
    public void ReadString_FormEmptyForNullableBlankField_IsEmptyString()
    {
        var read = ReadString(Form(("field", "")), DjoserFieldRules.AllowNull | DjoserFieldRules.AllowBlank);

        Assert.True(read.HasValue);
        Assert.Equal(string.Empty, read.Value);
    }

    [Fact]
    public void ReadString_FormEmptyForOptionalBlankField_IsEmptyString()
    {
        var read = ReadString(Form(("field", "")), DjoserFieldRules.AllowBlank);

        Assert.True(read.HasValue);
        Assert.Equal(string.Empty, read.Value);
    }

    [Fact]
    public void ReadString_FormTextNull_IsTheString()
    {
        Assert.Equal("null", ReadString(Form(("field", "null")), Required | DjoserFieldRules.AllowNull).Value);
    }

    // ReadValue / ReadNullableValue

    [Fact]
    public void ReadValue_Valid_IsSome()
    {
        var read = Json("""{"age": "42"}""").ReadValue("age", Required, DjoserValueConverters.Int32, _errors);

        Assert.True(read.HasValue);
        Assert.Equal(42, read.Value);
    }

    [Fact]
    public void ReadValue_RequiredAbsent_ReportsRequired()
    {
        Json("{}").ReadValue("age", Required, DjoserValueConverters.Int32, _errors);

        Assert.Equal(["This field is required."], _errors["age"]);
    }

    [Fact]
    public void ReadValue_NullEvenWithAllowNull_ReportsNull()
    {
        var read = Json("""{"age": null}""").ReadValue("age", Required | DjoserFieldRules.AllowNull, DjoserValueConverters.Int32, _errors);

        Assert.False(read.HasValue);
        Assert.Equal(["This field may not be null."], _errors["age"]);
    }

    [Fact]
    public void ReadValue_Invalid_ReportsConverterMessage()
    {
        Json("""{"age": "abc"}""").ReadValue("age", Required, DjoserValueConverters.Int32, _errors);

        Assert.Equal(["A valid integer is required."], _errors["age"]);
    }

    [Fact]
    public void ReadNullableValue_NullAllowed_IsSomeNull()
    {
        var read = Json("""{"age": null}""").ReadNullableValue("age", DjoserFieldRules.AllowNull, DjoserValueConverters.Int32, _errors);

        Assert.True(read.HasValue);
        Assert.Null(read.Value);
    }

    [Fact]
    public void ReadNullableValue_NullNotAllowed_ReportsNull()
    {
        Json("""{"age": null}""").ReadNullableValue("age", DjoserFieldRules.None, DjoserValueConverters.Int32, _errors);

        Assert.Equal(["This field may not be null."], _errors["age"]);
    }

    [Fact]
    public void ReadNullableValue_FormEmptyForNullableField_IsNull()
    {
        var read = Form(("birth_date", "")).ReadNullableValue("birth_date", DjoserFieldRules.AllowNull, DjoserValueConverters.DateOnly, _errors);

        Assert.True(read.HasValue);
        Assert.Null(read.Value);
        Assert.False(_errors.HasErrors);
    }

    [Fact]
    public void ReadValue_FormEmptyOptional_IsTreatedAsNotSent()
    {
        var read = Form(("age", "")).ReadValue("age", DjoserFieldRules.None, DjoserValueConverters.Int32, _errors);

        Assert.False(read.HasValue);
        Assert.False(_errors.HasErrors);
    }

    [Fact]
    public void ReadValue_FormEmptyRequired_ReportsConverterMessage()
    {
        Form(("age", "")).ReadValue("age", Required, DjoserValueConverters.Int32, _errors);

        Assert.Equal(["A valid integer is required."], _errors["age"]);
    }

    [Fact]
    public void ReadValue_FormRepeatedKey_LastValueWins()
    {
        var read = Form(("age", "1"), ("age", " 2 ")).ReadValue("age", Required, DjoserValueConverters.Int32, _errors);

        Assert.Equal(2, read.Value);
    }

    [Fact]
    public void ReadValue_FormBooleanWithSpaces_IsInvalidAsInDrf()
    {
        Form(("is_active", " true ")).ReadValue("is_active", Required, DjoserValueConverters.Boolean, _errors);

        Assert.Equal(["Must be a valid boolean."], _errors["is_active"]);
    }

    [Fact]
    public void ReadValue_FormBoolean_Reads()
    {
        var read = Form(("is_active", "on")).ReadValue("is_active", Required, DjoserValueConverters.Boolean, _errors);

        Assert.True(read.Value);
    }

    [Theory]
    [InlineData("\"superuser\"", "\"superuser\" is not a valid choice.")]
    [InlineData("\" admin \"", "\" admin \" is not a valid choice.")]
    [InlineData("5", "\"5\" is not a valid choice.")]
    [InlineData("1.50", "\"1.5\" is not a valid choice.")]
    [InlineData("true", "\"True\" is not a valid choice.")]
    [InlineData("[\"a\", 1, null, false]", "\"['a', 1, None, False]\" is not a valid choice.")]
    [InlineData("{\"k\": \"it's\"}", "\"{'k': \"it's\"}\" is not a valid choice.")]
    public void ReadValue_InvalidChoice_QuotesPythonTextOfInput(string json, string expected)
    {
        Json($$"""{"role": {{json}}}""").ReadValue("role", Required, DjoserValueConverters.Enum<DjoserValueConvertersTests.Role>(), _errors);

        Assert.Equal([expected], _errors["role"]);
    }

    [Fact]
    public void ReadValue_FormChoice_ReadsAndQuotesInvalidInputAsSent()
    {
        var converter = DjoserValueConverters.Enum<DjoserValueConvertersTests.Role>();

        Assert.Equal(DjoserValueConvertersTests.Role.PowerUser, Form(("role", "power_user")).ReadValue("role", Required, converter, _errors).Value);
        Form(("role", "root ")).ReadValue("role", Required, converter, _errors);
        Assert.Equal(["\"root \" is not a valid choice."], _errors["role"]);
    }

    // Whole body

    [Fact]
    public void Read_SeveralFields_CollectsErrorsInReadOrder()
    {
        var body = Json("""{"email": "bad", "extra": 1}""");

        body.ReadString("username", Required, _errors);
        body.ReadString("email", Required | DjoserFieldRules.Email, _errors);
        body.ReadString("password", Required, _errors);

        Assert.Equal(["username", "email", "password"], _errors.Entries.Select(entry => entry.Key));
    }

    [Fact]
    public void Empty_AnyField_IsAbsent()
    {
        var body = DjoserRequestBody.Empty;

        Assert.False(body.Contains("x"));
        Assert.False(body.ReadString("x", DjoserFieldRules.None, _errors).HasValue);
        body.ReadString("x", Required, _errors);
        Assert.Equal(["This field is required."], _errors["x"]);
    }

    [Fact]
    public void Contains_JsonAndForm_SeesFieldsEvenWhenNullOrEmpty()
    {
        Assert.True(Json("""{"a": null}""").Contains("a"));
        Assert.False(Json("""{"a": null}""").Contains("b"));
        Assert.True(Form(("a", "")).Contains("a"));
        Assert.False(Form(("a", "")).Contains("b"));
    }

    [Fact]
    public void FromJson_NotAnObject_Throws()
    {
        Assert.Throws<ArgumentException>(() => DjoserRequestBody.FromJson(JsonDocument.Parse("[]").RootElement));
    }
}
