using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Djoser.Errors;

namespace Djoser.Binding;

/// <summary>The converters generated binders use, one per supported property type (DRF's field classes).</summary>
public static partial class DjoserValueConverters
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

    /// <summary>DRF <c>DateField</c> (ISO 8601 <c>YYYY-MM-DD</c>; Django's parser also takes one-digit months and days).</summary>
    public static IDjoserValueConverter<DateOnly> DateOnly { get; } = new DateOnlyConverter();

    /// <summary>DRF <c>DateTimeField</c> (ISO 8601); a value without an offset is UTC, one with an offset is converted to UTC.</summary>
    public static IDjoserValueConverter<DateTime> DateTime { get; } = new DateTimeConverter();

    /// <summary>DRF <c>DateTimeField</c> (ISO 8601) as a <see cref="System.DateTimeOffset"/>; read and written in UTC as DRF does with <c>TIME_ZONE = "UTC"</c>.</summary>
    public static IDjoserValueConverter<DateTimeOffset> DateTimeOffset { get; } = new DateTimeOffsetConverter();

    /// <summary>DRF <c>ChoiceField</c> over an enum's members, by their snake_case names.</summary>
    public static IDjoserValueConverter<TEnum> Enum<TEnum>()
        where TEnum : struct, System.Enum => EnumConverter<TEnum>.Instance;

    // Python's isoformat() in UTC with DRF's "Z": microseconds only when there are any.
    private static string FormatUtc(System.DateTime utc) =>
        utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond / 10 == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    // IntegerField: int(re.sub(r'\.0*\s*$', '', str(data))), and Python's int() takes white space, a sign and underscores between digits.
    [GeneratedRegex("""\.0*\s*\z""", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingZeroFraction();

    [GeneratedRegex("""^\s*[+-]?[0-9]+(?:_[0-9]+)*\s*\z""", RegexOptions.CultureInvariant)]
    private static partial Regex PythonInt();

    // Django's parse_date / parse_datetime patterns (django.utils.dateparse).
    [GeneratedRegex("""^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\z""", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex("""^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})[T ]([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:[.,]([0-9]{1,6})[0-9]{0,6})?)?\s*(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?\z""", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();

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

        // No trimming: DRF looks the value up as sent, so " true " is invalid.
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
        // DRF's guard against huge strings (its own message; reported here as not an integer).
        private const int MaxStringLength = 1000;

        public bool TryRead(JsonElement element, out T value)
        {
            value = default;
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return TryRead(element.GetString()!, out value);
                case JsonValueKind.Number when PythonText.IsInt(element):
                    return TryNarrow(element.GetRawText(), out value);
                case JsonValueKind.Number:
                    // A float: str() gives "12.0" (accepted) or "12.5" / "1e+16" (not an integer).
                    return TryRead(PythonText.Number(element), out value);
                default:
                    return false;
            }
        }

        public bool TryRead(string text, out T value)
        {
            value = default;
            if (text.Length > MaxStringLength)
            {
                return false;
            }

            text = TrailingZeroFraction().Replace(text, string.Empty, 1);
            return PythonInt().IsMatch(text) && TryNarrow(text.Trim().Replace("_", string.Empty, StringComparison.Ordinal), out value);
        }

        public string InvalidMessage(string input) => DjoserMessages.InvalidInteger;

        public void Write(Utf8JsonWriter writer, T value) => writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));

        private bool TryNarrow(string digits, out T value)
        {
            value = default;
            // Out of long's range is as invalid as malformed: TryParse refuses both.
            if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

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
                JsonValueKind.String => TryRead(element.GetString()!, out value),
                _ => false,
            };
        }

        public bool TryRead(string text, out decimal value) =>
            decimal.TryParse(PythonText.Strip(text), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value);

        public string InvalidMessage(string input) => DjoserMessages.InvalidNumber;

        public void Write(Utf8JsonWriter writer, decimal value) => writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private sealed class DoubleConverter : IDjoserValueConverter<double>
    {
        public bool TryRead(JsonElement element, out double value)
        {
            value = default;
            switch (element.ValueKind)
            {
                case JsonValueKind.Number:
                    return element.TryGetDouble(out value) && double.IsFinite(value);
                case JsonValueKind.String:
                    return TryRead(element.GetString()!, out value);

                // float(True) is 1.0 in Python, so DRF's FloatField takes JSON booleans.
                case JsonValueKind.True or JsonValueKind.False:
                    value = element.ValueKind == JsonValueKind.True ? 1 : 0;
                    return true;
                default:
                    return false;
            }
        }

        // NaN and infinities are refused: DRF's JSON renderer could not send them back.
        public bool TryRead(string text, out double value) =>
            double.TryParse(PythonText.Strip(text), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

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
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return TryRead(element.GetString()!, out value);

                // DRF's UUIDField takes an integer as uuid.UUID(int=n).
                case JsonValueKind.Number when PythonText.IsInt(element)
                    && BigInteger.TryParse(element.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    && number.Sign >= 0 && number.GetBitLength() <= 128:
                    value = System.Guid.ParseExact(number.ToString("x32", CultureInfo.InvariantCulture)[^32..], "N");
                    return true;
                default:
                    return false;
            }
        }

        // uuid.UUID(hex=...): "urn:" and "uuid:" dropped, braces stripped, hyphens anywhere, then exactly 32 hex digits.
        public bool TryRead(string text, out Guid value)
        {
            value = default;
            var hex = text.Replace("urn:", string.Empty, StringComparison.Ordinal).Replace("uuid:", string.Empty, StringComparison.Ordinal)
                .Trim('{', '}').Replace("-", string.Empty, StringComparison.Ordinal);
            return hex.Length == 32 && hex.All(char.IsAsciiHexDigit) && System.Guid.TryParseExact(hex, "N", out value);
        }

        public string InvalidMessage(string input) => DjoserMessages.InvalidUuid;

        public void Write(Utf8JsonWriter writer, Guid value) => writer.WriteStringValue(value.ToString("D"));
    }

    private sealed class DateOnlyConverter : IDjoserValueConverter<DateOnly>
    {
        public bool TryRead(JsonElement element, out DateOnly value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.String && TryRead(element.GetString()!, out value);
        }

        public bool TryRead(string text, out DateOnly value)
        {
            value = default;
            var match = IsoDate().Match(text);
            if (!match.Success)
            {
                return false;
            }

            int Part(int group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);
            var (year, month, day) = (Part(1), Part(2), Part(3));
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > System.DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            value = new DateOnly(year, month, day);
            return true;
        }

        public string InvalidMessage(string input) => DjoserMessages.InvalidDate;

        public void Write(Utf8JsonWriter writer, DateOnly value) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private sealed class DateTimeConverter : IDjoserValueConverter<DateTime>
    {
        public bool TryRead(JsonElement element, out DateTime value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.String && TryRead(element.GetString()!, out value);
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
            writer.WriteStringValue(FormatUtc(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value));
    }

    private sealed class DateTimeOffsetConverter : IDjoserValueConverter<DateTimeOffset>
    {
        // Django's parse_datetime; no offset means UTC (Django's default time zone), any offset is converted to UTC.
        public static bool TryParseIso(string text, out DateTimeOffset value)
        {
            value = default;
            var match = IsoDateTime().Match(text);
            if (!match.Success)
            {
                return false;
            }

            int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture) : 0;
            var (year, month, day, hour, minute, second) = (Part(1), Part(2), Part(3), Part(4), Part(5), Part(6));
            var microsecond = match.Groups[7].Success ? int.Parse(match.Groups[7].Value.PadRight(6, '0'), CultureInfo.InvariantCulture) : 0;
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > System.DateTime.DaysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            var offset = TimeSpan.Zero;
            var zone = match.Groups[8].Value;
            if (zone.Length > 1)
            {
                var minutes = (60 * int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture))
                    + (zone.Length > 3 ? int.Parse(zone.AsSpan(zone.Length - 2), CultureInfo.InvariantCulture) : 0);
                offset = TimeSpan.FromMinutes(zone[0] == '-' ? -minutes : minutes);
                if (offset.Duration() > TimeSpan.FromHours(14))
                {
                    return false;
                }
            }

            var local = new System.DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(microsecond * 10L);
            var utcTicks = local.Ticks - offset.Ticks;
            if (utcTicks < System.DateTime.MinValue.Ticks || utcTicks > System.DateTime.MaxValue.Ticks)
            {
                return false;
            }

            value = new DateTimeOffset(utcTicks, TimeSpan.Zero);
            return true;
        }

        public bool TryRead(JsonElement element, out DateTimeOffset value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.String && TryRead(element.GetString()!, out value);
        }

        public bool TryRead(string text, out DateTimeOffset value) => TryParseIso(text, out value);

        public string InvalidMessage(string input) => DjoserMessages.InvalidDateTime;

        public void Write(Utf8JsonWriter writer, DateTimeOffset value) => writer.WriteStringValue(FormatUtc(value.UtcDateTime));
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
            return element.ValueKind == JsonValueKind.String && TryRead(element.GetString()!, out value);
        }

        // ChoiceField does not trim: " admin " is not a valid choice.
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
