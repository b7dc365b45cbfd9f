using Djoser.Binding;
using Djoser.Errors;
using static Djoser.Runtime.Tests.Binding.BindingTestSupport;

namespace Djoser.Runtime.Tests.Binding;

public sealed class DjoserValueConvertersTests
{
    public enum Role
    {
        Admin,
        PowerUser,
        HTTPClient,
    }

    // BooleanField

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("1.0", true)]
    [InlineData("0.0", false)]
    [InlineData("\"t\"", true)]
    [InlineData("\"Y\"", true)]
    [InlineData("\"yes\"", true)]
    [InlineData("\"Yes\"", true)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("\"on\"", true)]
    [InlineData("\"1\"", true)]
    [InlineData("\"f\"", false)]
    [InlineData("\"N\"", false)]
    [InlineData("\"no\"", false)]
    [InlineData("\"False\"", false)]
    [InlineData("\"OFF\"", false)]
    [InlineData("\"0\"", false)]
    public void Boolean_DrfTrueOrFalseValue_Reads(string json, bool expected)
    {
        Assert.True(DjoserValueConverters.Boolean.TryRead(Element(json), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0.5")]
    [InlineData("\"tRuE\"")]
    [InlineData("\"yEs\"")]
    [InlineData("\" true \"")]
    [InlineData("\"\"")]
    [InlineData("\"null\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Boolean_OtherValue_IsRejected(string json)
    {
        Assert.False(DjoserValueConverters.Boolean.TryRead(Element(json), out _));
        Assert.Equal("Must be a valid boolean.", DjoserValueConverters.Boolean.InvalidMessage(json));
    }

    [Theory]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public void Boolean_Write_WritesJsonBoolean(bool value, string expected) =>
        Assert.Equal(expected, Write(DjoserValueConverters.Boolean, value));

    // IntegerField

    [Theory]
    [InlineData("12", 12)]
    [InlineData("-12", -12)]
    [InlineData("12.0", 12)]
    [InlineData("1e3", 1000)]
    [InlineData("-0", 0)]
    [InlineData("\"12\"", 12)]
    [InlineData("\" 12 \"", 12)]
    [InlineData("\"+12\"", 12)]
    [InlineData("\"12.0\"", 12)]
    [InlineData("\"12.\"", 12)]
    [InlineData("\"12.000  \"", 12)]
    [InlineData("\"1_000\"", 1000)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void Int32_DrfIntegerValue_Reads(string json, int expected)
    {
        Assert.True(DjoserValueConverters.Int32.TryRead(Element(json), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("\"12.5\"")]
    [InlineData("\"12.50\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("\"0x10\"")]
    [InlineData("\"1e3\"")]
    [InlineData("\"_1\"")]
    [InlineData("\"1__0\"")]
    [InlineData("1e16")]
    [InlineData("true")]
    [InlineData("[1]")]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("\"99999999999999999999999\"")]
    public void Int32_NotAnInt32_IsRejected(string json)
    {
        Assert.False(DjoserValueConverters.Int32.TryRead(Element(json), out _));
        Assert.Equal("A valid integer is required.", DjoserValueConverters.Int32.InvalidMessage(json));
    }

    [Fact]
    public void Int32_StringLongerThan1000Characters_IsRejected() =>
        Assert.False(DjoserValueConverters.Int32.TryRead(new string('1', 1001), out _));

    [Fact]
    public void IntegerConverters_Ranges_FollowTheClrType()
    {
        Assert.True(DjoserValueConverters.Int64.TryRead(Element("9223372036854775807"), out var big));
        Assert.Equal(long.MaxValue, big);
        Assert.False(DjoserValueConverters.Int64.TryRead(Element("9223372036854775808"), out _));
        Assert.True(DjoserValueConverters.Int64.TryRead(Element("-9223372036854775808"), out var least));
        Assert.Equal(long.MinValue, least);
        Assert.False(DjoserValueConverters.Int64.TryRead("-9223372036854775809", out _));
        Assert.True(DjoserValueConverters.Int64.TryRead(" +00_042 ", out var signed));
        Assert.Equal(42, signed);
        Assert.True(DjoserValueConverters.Int16.TryRead("-32768", out var small));
        Assert.Equal(short.MinValue, small);
        Assert.False(DjoserValueConverters.Int16.TryRead("32768", out _));
        Assert.True(DjoserValueConverters.Byte.TryRead("255", out var octet));
        Assert.Equal(255, octet);
        Assert.False(DjoserValueConverters.Byte.TryRead("-1", out _));
    }

    [Fact]
    public void IntegerConverters_Write_WriteJsonNumbers()
    {
        Assert.Equal("-7", Write(DjoserValueConverters.Int32, -7));
        Assert.Equal("9223372036854775807", Write(DjoserValueConverters.Int64, long.MaxValue));
        Assert.Equal("300", Write(DjoserValueConverters.Int16, (short)300));
        Assert.Equal("200", Write(DjoserValueConverters.Byte, (byte)200));
    }

    // DecimalField

    [Theory]
    [InlineData("1.50", "1.50")]
    [InlineData("\"1.50\"", "1.50")]
    [InlineData("\" 2.5 \"", "2.5")]
    [InlineData("\"-3\"", "-3")]
    [InlineData("\"1e2\"", "100")]
    [InlineData("\".5\"", "0.5")]
    [InlineData("0.1", "0.1")]
    public void Decimal_Number_Reads(string json, string expected)
    {
        Assert.True(DjoserValueConverters.Decimal.TryRead(Element(json), out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"1,5\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("[]")]
    public void Decimal_NotANumber_IsRejected(string json)
    {
        Assert.False(DjoserValueConverters.Decimal.TryRead(Element(json), out _));
        Assert.Equal("A valid number is required.", DjoserValueConverters.Decimal.InvalidMessage(json));
    }

    [Fact]
    public void Decimal_Write_RendersAStringKeepingScale()
    {
        Assert.Equal("\"1.50\"", Write(DjoserValueConverters.Decimal, 1.50m));
        Assert.Equal("\"-0.001\"", Write(DjoserValueConverters.Decimal, -0.001m));
    }

    // FloatField

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("2", 2.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("\"1.5\"", 1.5)]
    [InlineData("\" -2.25 \"", -2.25)]
    [InlineData("\"1e-3\"", 0.001)]
    [InlineData("true", 1.0)]
    [InlineData("false", 0.0)]
    public void Double_Number_Reads(string json, double expected)
    {
        Assert.True(DjoserValueConverters.Double.TryRead(Element(json), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"nan\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("\"inf\"")]
    [InlineData("\"1e400\"")]
    [InlineData("1e400")]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("\"1,5\"")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Double_NotAFiniteNumber_IsRejected(string json)
    {
        Assert.False(DjoserValueConverters.Double.TryRead(Element(json), out _));
        Assert.Equal("A valid number is required.", DjoserValueConverters.Double.InvalidMessage(json));
    }

    [Fact]
    public void Single_OutOfRange_IsRejected()
    {
        Assert.True(DjoserValueConverters.Single.TryRead("1.5", out var value));
        Assert.Equal(1.5f, value);
        Assert.False(DjoserValueConverters.Single.TryRead("1e39", out _));
        Assert.False(DjoserValueConverters.Single.TryRead(Element("\"NaN\""), out _));
    }

    [Fact]
    public void FloatConverters_Write_WriteJsonNumbers()
    {
        Assert.Equal("1.5", Write(DjoserValueConverters.Double, 1.5));
        Assert.Equal("0.25", Write(DjoserValueConverters.Single, 0.25f));
    }

    // UUIDField

    [Theory]
    [InlineData("\"12345678-1234-5678-1234-567812345678\"")]
    [InlineData("\"12345678123456781234567812345678\"")]
    [InlineData("\"{12345678-1234-5678-1234-567812345678}\"")]
    [InlineData("\"urn:uuid:12345678-1234-5678-1234-567812345678\"")]
    [InlineData("24197857161011715162171839636988778104")]
    public void Guid_PythonUuidInput_Reads(string json)
    {
        Assert.True(DjoserValueConverters.Guid.TryRead(Element(json), out var value));
        Assert.Equal(Guid.Parse("12345678-1234-5678-1234-567812345678"), value);
    }

    [Fact]
    public void Guid_UpperCaseHex_Reads()
    {
        Assert.True(DjoserValueConverters.Guid.TryRead("ABCDEF12-3456-7890-ABCD-EF1234567890", out var value));
        Assert.Equal(Guid.Parse("abcdef12-3456-7890-abcd-ef1234567890"), value);
    }

    [Fact]
    public void Guid_IntegerZero_IsTheNilUuid()
    {
        Assert.True(DjoserValueConverters.Guid.TryRead(Element("0"), out var value));
        Assert.Equal(Guid.Empty, value);
    }

    [Theory]
    [InlineData(nameof(DjoserValueConverters.Int32), typeof(int), "42", false)]
    [InlineData(nameof(DjoserValueConverters.Guid), typeof(Guid), "24197857161011715162171839636988778104", true)]
    public void Integers_are_read_without_System_Runtime_Numerics_unless_a_UUID_needs_it(string converter, Type value, string json, bool loadsNumerics)
    {
        // Every generated response writes its integer id through these converters: BigInteger only for UUIDs given as integers.
        var context = new RecordingLoadContext();
        var converters = context.LoadRuntime().GetType(typeof(DjoserValueConverters).FullName!, throwOnError: true)!;
        var instance = converters.GetProperty(converter)!.GetValue(null)!;
        var tryRead = instance.GetType().GetMethod("TryRead", [typeof(System.Text.Json.JsonElement), value.MakeByRefType()])!;

        Assert.True((bool)tryRead.Invoke(instance, [Element(json), null])!);
        Assert.Equal(loadsNumerics, context.Requested.Contains("System.Runtime.Numerics"));
    }

    [Fact]
    public void Guid_LargestInteger_IsTheMaxUuid()
    {
        Assert.True(DjoserValueConverters.Guid.TryRead(Element("340282366920938463463374607431768211455"), out var value));
        Assert.Equal(Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), value);
    }

    [Theory]
    [InlineData("\"not-a-uuid\"")]
    [InlineData("\"1234567812345678123456781234567\"")]
    [InlineData("\"12345678-1234-5678-1234-56781234567g\"")]
    [InlineData("\"(12345678-1234-5678-1234-567812345678)\"")]
    [InlineData("\" 12345678-1234-5678-1234-567812345678 \"")]
    [InlineData("\"\"")]
    [InlineData("-1")]
    [InlineData("340282366920938463463374607431768211456")]
    [InlineData("1.5")]
    [InlineData("true")]
    public void Guid_NotAUuid_IsRejected(string json)
    {
        Assert.False(DjoserValueConverters.Guid.TryRead(Element(json), out _));
        Assert.Equal("Must be a valid UUID.", DjoserValueConverters.Guid.InvalidMessage(json));
    }

    [Fact]
    public void Guid_Write_WritesLowerCaseHyphenated() =>
        Assert.Equal("\"12345678-1234-5678-1234-567812345678\"",
            Write(DjoserValueConverters.Guid, Guid.Parse("12345678-1234-5678-1234-567812345678".ToUpperInvariant())));

    // DateField

    [Theory]
    [InlineData("2020-02-29", 2020, 2, 29)]
    [InlineData("0001-01-01", 1, 1, 1)]
    [InlineData("2020-1-5", 2020, 1, 5)]
    public void DateOnly_IsoDate_Reads(string text, int year, int month, int day)
    {
        Assert.True(DjoserValueConverters.DateOnly.TryRead(Element($"\"{text}\""), out var value));
        Assert.Equal(new DateOnly(year, month, day), value);
    }

    [Theory]
    [InlineData("\"2021-02-29\"")]
    [InlineData("\"2020-13-01\"")]
    [InlineData("\"2020-00-10\"")]
    [InlineData("\"20200105\"")]
    [InlineData("\"05/01/2020\"")]
    [InlineData("\"2020-01-05T10:00:00\"")]
    [InlineData("\" 2020-01-05\"")]
    [InlineData("\"0000-01-01\"")]
    [InlineData("\"\"")]
    [InlineData("20200105")]
    public void DateOnly_NotIsoDate_IsRejected(string json)
    {
        Assert.False(DjoserValueConverters.DateOnly.TryRead(Element(json), out _));
        Assert.Equal("Date has wrong format. Use one of these formats instead: YYYY-MM-DD.", DjoserValueConverters.DateOnly.InvalidMessage(json));
    }

    [Fact]
    public void DateOnly_Write_WritesIsoDate() =>
        Assert.Equal("\"2020-01-05\"", Write(DjoserValueConverters.DateOnly, new DateOnly(2020, 1, 5)));

    // DateTimeField

    [Theory]
    [InlineData("2020-01-05T10:20:30Z", "2020-01-05T10:20:30.0000000Z")]
    [InlineData("2020-01-05T10:20:30", "2020-01-05T10:20:30.0000000Z")]
    [InlineData("2020-01-05 10:20", "2020-01-05T10:20:00.0000000Z")]
    [InlineData("2020-01-05T10:20:30+02:00", "2020-01-05T08:20:30.0000000Z")]
    [InlineData("2020-01-05T10:20:30-0530", "2020-01-05T15:50:30.0000000Z")]
    [InlineData("2020-01-05T10:20:30+02", "2020-01-05T08:20:30.0000000Z")]
    [InlineData("2020-01-05T10:20:30.123456Z", "2020-01-05T10:20:30.1234560Z")]
    [InlineData("2020-01-05T10:20:30.5", "2020-01-05T10:20:30.5000000Z")]
    [InlineData("2020-01-05T10:20:30,25Z", "2020-01-05T10:20:30.2500000Z")]
    [InlineData("2020-01-05T10:20:30.123456789Z", "2020-01-05T10:20:30.1234560Z")]
    [InlineData("2020-01-05T10:20:30 Z", "2020-01-05T10:20:30.0000000Z")]
    [InlineData("2020-1-5T1:2:3Z", "2020-01-05T01:02:03.0000000Z")]
    public void DateTime_Iso8601_ReadsAsUtc(string text, string expectedUtc)
    {
        Assert.True(DjoserValueConverters.DateTime.TryRead(Element($"\"{text}\""), out var value));
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.Equal(expectedUtc, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(DjoserValueConverters.DateTimeOffset.TryRead(text, out var offsetValue));
        Assert.Equal(TimeSpan.Zero, offsetValue.Offset);
        Assert.Equal(value, offsetValue.UtcDateTime);
    }

    [Theory]
    [InlineData("\"2020-01-05\"")]
    [InlineData("\"2020-01-05T10\"")]
    [InlineData("\"2020-01-05t10:20:30Z\"")]
    [InlineData("\"2020-01-05T10:20:30z\"")]
    [InlineData("\"2020-01-05T25:00:00Z\"")]
    [InlineData("\"2020-01-05T10:60:00Z\"")]
    [InlineData("\"2020-02-30T10:00:00Z\"")]
    [InlineData("\"2020-01-05T10:20:30.1234567890123Z\"")]
    [InlineData("\"2020-01-05T10:20:30 GMT\"")]
    [InlineData("\"2020-01-05T10:20:30+2:00\"")]
    [InlineData("\"Sun, 05 Jan 2020 10:20:30 GMT\"")]
    [InlineData("\"01/05/2020 10:20\"")]
    [InlineData("\" 2020-01-05T10:20:30Z\"")]
    [InlineData("\"\"")]
    [InlineData("1578219630")]
    public void DateTime_NotIso8601_IsRejected(string json)
    {
        Assert.False(DjoserValueConverters.DateTime.TryRead(Element(json), out _));
        Assert.False(DjoserValueConverters.DateTimeOffset.TryRead(Element(json), out _));
        Assert.Equal(
            "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
            DjoserValueConverters.DateTime.InvalidMessage(json));
    }

    [Fact]
    public void DateTime_Write_WritesUtcWithZAndMicrosecondsOnlyWhenPresent()
    {
        Assert.Equal("\"2020-01-05T10:20:30Z\"", Write(DjoserValueConverters.DateTime, new DateTime(2020, 1, 5, 10, 20, 30, DateTimeKind.Utc)));
        Assert.Equal("\"2020-01-05T10:20:30.123456Z\"",
            Write(DjoserValueConverters.DateTime, new DateTime(2020, 1, 5, 10, 20, 30, DateTimeKind.Utc).AddTicks(1234567)));
        Assert.Equal("\"2020-01-05T10:20:30Z\"", Write(DjoserValueConverters.DateTime, new DateTime(2020, 1, 5, 10, 20, 30, DateTimeKind.Unspecified)));
        Assert.Equal("\"2020-01-05T10:20:30.500000Z\"",
            Write(DjoserValueConverters.DateTime, new DateTime(2020, 1, 5, 10, 20, 30, 500, DateTimeKind.Utc)));
    }

    [Fact]
    public void DateTimeOffset_Write_ConvertsToUtc() =>
        Assert.Equal("\"2020-01-05T08:20:30Z\"",
            Write(DjoserValueConverters.DateTimeOffset, new DateTimeOffset(2020, 1, 5, 10, 20, 30, TimeSpan.FromHours(2))));

    // ChoiceField

    [Theory]
    [InlineData("admin", Role.Admin)]
    [InlineData("power_user", Role.PowerUser)]
    [InlineData("http_client", Role.HTTPClient)]
    public void Enum_SnakeCaseName_Reads(string text, Role expected)
    {
        Assert.True(DjoserValueConverters.Enum<Role>().TryRead(Element($"\"{text}\""), out var value));
        Assert.Equal(expected, value);
        Assert.True(DjoserValueConverters.Enum<Role>().TryRead(text, out value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("\"Admin\"")]
    [InlineData("\"PowerUser\"")]
    [InlineData("\" admin \"")]
    [InlineData("\"\"")]
    [InlineData("0")]
    [InlineData("true")]
    public void Enum_OtherValue_IsRejected(string json) =>
        Assert.False(DjoserValueConverters.Enum<Role>().TryRead(Element(json), out _));

    [Fact]
    public void Enum_InvalidMessage_QuotesTheInput() =>
        Assert.Equal("\"superuser\" is not a valid choice.", DjoserValueConverters.Enum<Role>().InvalidMessage("superuser"));

    [Theory]
    [InlineData(Role.Admin, "\"admin\"")]
    [InlineData(Role.PowerUser, "\"power_user\"")]
    [InlineData(Role.HTTPClient, "\"http_client\"")]
    [InlineData((Role)42, "42")]
    public void Enum_Write_WritesSnakeCaseName(Role value, string expected) =>
        Assert.Equal(expected, Write(DjoserValueConverters.Enum<Role>(), value));

    [Fact]
    public void Enum_SameType_ReturnsOneInstance() =>
        Assert.Same(DjoserValueConverters.Enum<Role>(), DjoserValueConverters.Enum<Role>());

    [Fact]
    public void InvalidMessages_AreDrfTexts()
    {
        Assert.Equal(DjoserMessages.InvalidInteger, DjoserValueConverters.Int64.InvalidMessage("x"));
        Assert.Equal(DjoserMessages.InvalidNumber, DjoserValueConverters.Single.InvalidMessage("x"));
        Assert.Equal(DjoserMessages.InvalidDateTime, DjoserValueConverters.DateTimeOffset.InvalidMessage("x"));
    }
}
