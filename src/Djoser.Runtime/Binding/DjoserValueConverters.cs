using System.Globalization;
using System.Text.Json;
using Djoser.Errors;

namespace Djoser.Binding;

/// <summary>The converters generated binders use, one per supported property type (DRF's field classes).</summary>
public static class DjoserValueConverters
{
    /// <summary>DRF <c>BooleanField</c>.</summary>
    public static IDjoserValueConverter<bool> Boolean { get; } = new BooleanConverter();

    /// <summary>DRF <c>IntegerField</c> within <see cref="int"/>.</summary>
    public static IDjoserValueConverter<int> Int32 { get; } = new IntegerConverter<int>(static l => l is >= int.MinValue and <= int.MaxValue ? (int)l : null);

    /// <summary>DRF <c>IntegerField</c> within <see cref="long"/>.</summary>
    public static IDjoserValueConverter<long> Int64 { get; } = new IntegerConverter<long>(static l => l);

    /// <summary>DRF <c>IntegerField</c> within <see cref="short"/>.</summary>
    public static IDjoserValueConverter<short> Int16 { get; } = new IntegerConverter<short>(static l => l is >= short.MinValue and <= short.MaxValue ? (short)l : null);

    /// <summary>DRF <c>IntegerField</c> within <see cref="byte"/>.</summary>
    public static IDjoserValueConverter<byte> Byte { get; } = new IntegerConverter<byte>(static l => l is >= byte.MinValue and <= byte.MaxValue ? (byte)l : null);

    /// <summary>DRF <c>DecimalField</c>; rendered as a string, as DRF does by default (<c>COERCE_DECIMAL_TO_STRING</c>).</summary>
    public static IDjoserValueConverter<decimal> Decimal { get; } = new DecimalConverter();

    /// <summary>DRF <c>FloatField</c>.</summary>
    public static IDjoserValueConverter<double> Double { get; } = new DoubleConverter();

    /// <summary>DRF <c>FloatField</c> within <see cref="float"/>.</summary>
    public static IDjoserValueConverter<float> Single { get; } = new SingleConverter();

    /// <summary>DRF <c>UUIDField</c>.</summary>
    public static IDjoserValueConverter<Guid> Guid { get; } = new GuidConverter();

    /// <summary>DRF <c>DateField</c> (ISO 8601 <c>YYYY-MM-DD</c>).</summary>
    public static IDjoserValueConverter<DateOnly> DateOnly { get; } = new DateOnlyConverter();

    /// <summary>DRF <c>DateTimeField</c> (ISO 8601).</summary>
    public static IDjoserValueConverter<DateTime> DateTime { get; } = new DateTimeConverter();

    /// <summary>DRF <c>DateTimeField</c> (ISO 8601) keeping the offset.</summary>
    public static IDjoserValueConverter<DateTimeOffset> DateTimeOffset { get; } = new DateTimeOffsetConverter();

    /// <summary>DRF <c>ChoiceField</c> over an enum's members, by their snake_case names.</summary>
    public static IDjoserValueConverter<TEnum> Enum<TEnum>()
        where TEnum : struct, System.Enum => EnumConverter<TEnum>.Instance;

    private static string RawText(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    private sealed class BooleanConverter : IDjoserValueConverter<bool>
    {
        // DRF BooleanField's TRUE_VALUES / FALSE_VALUES.
        private static readonly HashSet<string> TrueTexts = new(StringComparer.Ordinal) { "t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1" };
        private static readonly HashSet<string> FalseTexts = new(StringComparer.Ordinal) { "f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0" };

        public bool TryRead(JsonElement element, out bool value)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.True:
                    value = true;
                    return true;
                case JsonValueKind.False:
                    value = false;
                    return true;
                case JsonValueKind.Number when element.TryGetDecimal(out var number) && number is 0 or 1:
                    value = number == 1;
                    return true;
                case JsonValueKind.String:
                    return TryRead(element.GetString()!, out value);
                default:
                    value = false;
                    return false;
            }
        }

        public bool TryRead(string text, out bool value)
        {
            value = TrueTexts.Contains(text);
            return value || FalseTexts.Contains(text);
        }

        public string InvalidMessage(string input) => DjoserMessages.InvalidBoolean;

        public void Write(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);
    }

    private sealed class IntegerConverter<T>(Func<long, T?> narrow) : IDjoserValueConverter<T>
        where T : struct
    {
        public bool TryRead(JsonElement element, out T value)
        {
            value = default;
            if (element.ValueKind == JsonValueKind.String)
            {
                return TryRead(element.GetString()!.Trim(), out value);
            }

            // DRF accepts 12.0 but not 12.5.
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out var number) || number != decimal.Truncate(number)
                || number < long.MinValue || number > long.MaxValue)
            {
                return false;
            }

            return Narrow((long)number, out value);
        }

        public bool TryRead(string text, out T value)
        {
            value = default;
            return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                && number == decimal.Truncate(number) && number >= long.MinValue && number <= long.MaxValue
                && Narrow((long)number, out value);
        }

        public string InvalidMessage(string input) => DjoserMessages.InvalidInteger;

        public void Write(Utf8JsonWriter writer, T value) => writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));

        private bool Narrow(long number, out T value)
        {
            var narrowed = narrow(number);
            value = narrowed.GetValueOrDefault();
            return narrowed.HasValue;
        }
    }

    private sealed class DecimalConverter : IDjoserValueConverter<decimal>
    {
        public bool TryRead(JsonElement element, out decimal value)
        {
            value = default;
            return element.ValueKind switch
            {
                JsonValueKind.Number => element.TryGetDecimal(out value),
                JsonValueKind.String => TryRead(element.GetString()!.Trim(), out value),
                _ => false,
            };
        }

        public bool TryRead(string text, out decimal value) =>
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        public string InvalidMessage(string input) => DjoserMessages.InvalidNumber;

        public void Write(Utf8JsonWriter writer, decimal value) => writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private sealed class DoubleConverter : IDjoserValueConverter<double>
    {
        public bool TryRead(JsonElement element, out double value)
        {
            value = default;
            return element.ValueKind switch
            {
                JsonValueKind.Number => element.TryGetDouble(out value),
                JsonValueKind.String => TryRead(element.GetString()!.Trim(), out value),
                _ => false,
            };
        }

        public bool TryRead(string text, out double value) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

        public string InvalidMessage(string input) => DjoserMessages.InvalidNumber;

        public void Write(Utf8JsonWriter writer, double value) => writer.WriteNumberValue(value);
    }

    private sealed class SingleConverter : IDjoserValueConverter<float>
    {
        public bool TryRead(JsonElement element, out float value)
        {
            var ok = Double.TryRead(element, out var number) && number is >= float.MinValue and <= float.MaxValue;
            value = ok ? (float)number : default;
            return ok;
        }

        public bool TryRead(string text, out float value)
        {
            var ok = Double.TryRead(text, out var number) && number is >= float.MinValue and <= float.MaxValue;
            value = ok ? (float)number : default;
            return ok;
        }

        public string InvalidMessage(string input) => DjoserMessages.InvalidNumber;

        public void Write(Utf8JsonWriter writer, float value) => writer.WriteNumberValue(value);
    }

    private sealed class GuidConverter : IDjoserValueConverter<Guid>
    {
        public bool TryRead(JsonElement element, out Guid value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.String && TryRead(element.GetString()!.Trim(), out value);
        }

        public bool TryRead(string text, out Guid value) => System.Guid.TryParse(text, out value);

        public string InvalidMessage(string input) => DjoserMessages.InvalidUuid;

        public void Write(Utf8JsonWriter writer, Guid value) => writer.WriteStringValue(value.ToString("D"));
    }

    private sealed class DateOnlyConverter : IDjoserValueConverter<DateOnly>
    {
        public bool TryRead(JsonElement element, out DateOnly value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.String && TryRead(element.GetString()!.Trim(), out value);
        }

        public bool TryRead(string text, out DateOnly value) =>
            System.DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

        public string InvalidMessage(string input) => DjoserMessages.InvalidDate;

        public void Write(Utf8JsonWriter writer, DateOnly value) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private sealed class DateTimeConverter : IDjoserValueConverter<DateTime>
    {
        public bool TryRead(JsonElement element, out DateTime value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.String && TryRead(element.GetString()!.Trim(), out value);
        }

        public bool TryRead(string text, out DateTime value)
        {
            // Values with an offset are stored in UTC; values without one are taken as UTC (Django's default time zone).
            var ok = DateTimeOffsetConverter.TryParseIso(text, out var parsed);
            value = ok ? parsed.UtcDateTime : default;
            return ok;
        }

        public string InvalidMessage(string input) => DjoserMessages.InvalidDateTime;

        public void Write(Utf8JsonWriter writer, DateTime value) =>
            writer.WriteStringValue(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : System.DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }

    private sealed class DateTimeOffsetConverter : IDjoserValueConverter<DateTimeOffset>
    {
        public static bool TryParseIso(string text, out DateTimeOffset value) =>
            text.Length >= 16 && text[4] == '-' && text[7] == '-' && (text[10] is 'T' or 't' or ' ')
            && System.DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
            || Fail(out value);

        public bool TryRead(JsonElement element, out DateTimeOffset value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.String && TryRead(element.GetString()!.Trim(), out value);
        }

        public bool TryRead(string text, out DateTimeOffset value) => TryParseIso(text, out value);

        public string InvalidMessage(string input) => DjoserMessages.InvalidDateTime;

        public void Write(Utf8JsonWriter writer, DateTimeOffset value) => writer.WriteStringValue(value);

        private static bool Fail(out DateTimeOffset value)
        {
            value = default;
            return false;
        }
    }

    private sealed class EnumConverter<TEnum> : IDjoserValueConverter<TEnum>
        where TEnum : struct, System.Enum
    {
        public static readonly EnumConverter<TEnum> Instance = new();

        private readonly Dictionary<string, TEnum> _byName = new(StringComparer.Ordinal);
        private readonly Dictionary<TEnum, string> _names = [];

        private EnumConverter()
        {
            foreach (var member in System.Enum.GetValues<TEnum>())
            {
                var name = DjoserNaming.ToSnakeCase(member.ToString());
                _byName.TryAdd(name, member);
                _names.TryAdd(member, name);
            }
        }

        public bool TryRead(JsonElement element, out TEnum value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.String && TryRead(element.GetString()!.Trim(), out value);
        }

        public bool TryRead(string text, out TEnum value) => _byName.TryGetValue(text, out value);

        public string InvalidMessage(string input) => string.Format(CultureInfo.InvariantCulture, DjoserMessages.InvalidChoiceFormat, input);

        public void Write(Utf8JsonWriter writer, TEnum value)
        {
            if (_names.TryGetValue(value, out var name))
            {
                writer.WriteStringValue(name);
            }
            else
            {
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            }
        }
    }
}
