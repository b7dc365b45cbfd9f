using System.Globalization;
using System.Text.Json;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;

namespace Djoser.Binding;

/// <summary>
/// A request body already parsed into a JSON object or a form, read field by field with DRF's rules:
/// unknown fields are ignored, strings are trimmed, every failure lands in a <see cref="DjoserValidationErrors"/>
/// under the field's name (spec §1). Generated binders are a sequence of calls to the read methods.
/// </summary>
public sealed class DjoserRequestBody
{
    private readonly JsonElement _json;
    private readonly IFormCollection? _form;

    private DjoserRequestBody(JsonElement json, IFormCollection? form)
    {
        _json = json;
        _form = form;
    }

    /// <summary>A body without fields (no body at all, or an empty one; spec §1.8).</summary>
    public static DjoserRequestBody Empty { get; } = new(default, null);

    /// <summary>A JSON object body.</summary>
    /// <exception cref="ArgumentException">The element is not an object.</exception>
    public static DjoserRequestBody FromJson(JsonElement jsonObject)
    {
        if (jsonObject.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("A request body must be a JSON object.", nameof(jsonObject));
        }

        return new(jsonObject, null);
    }

    /// <summary>A form body (<c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c>).</summary>
    public static DjoserRequestBody FromForm(IFormCollection form) => new(default, form);

    /// <summary>Whether the body has a field of this name (with any value, even null).</summary>
    public bool Contains(string name) =>
        _form is not null ? _form.ContainsKey(name) : _json.ValueKind == JsonValueKind.Object && _json.TryGetProperty(name, out _);

    /// <summary>Reads a string field (DRF <c>CharField</c>/<c>EmailField</c>).</summary>
    /// <param name="name">The JSON name.</param>
    /// <param name="rules">Required/null/blank/e-mail rules.</param>
    /// <param name="errors">Where a failure is recorded under <paramref name="name"/>.</param>
    /// <param name="maxLength">The longest value accepted; 0 for no limit.</param>
    /// <param name="minLength">The shortest non-blank value accepted; 0 for no limit.</param>
    /// <remarks>
    /// Checks run in the order of DRF's field validators and every failure is reported: the model field's own
    /// validator (the username's), then max length, min length and null characters (CharField appends these to
    /// the model's), then the e-mail address (EmailField appends it last).
    /// </remarks>
    public DjoserOptional<string?> ReadString(string name, DjoserFieldRules rules, DjoserValidationErrors errors, int maxLength = 0, int minLength = 0)
    {
        if (!TryGetRaw(name, rules, errors, out var raw, out var isNull))
        {
            return DjoserOptional<string?>.None;
        }

        if (isNull)
        {
            return DjoserOptional<string?>.Some(null);
        }

        string text;
        if (raw.Text is not null)
        {
            text = raw.Text;
        }
        else if (raw.Json.ValueKind == JsonValueKind.String)
        {
            text = raw.Json.GetString()!;
        }
        else if (raw.Json.ValueKind == JsonValueKind.Number)
        {
            // DRF's CharField stores str(number): Python's spelling, so 12.50 becomes "12.5" and 1e5 "100000.0".
            text = PythonText.Number(raw.Json);
        }
        else
        {
            errors.Add(name, DjoserMessages.InvalidString);
            return DjoserOptional<string?>.None;
        }

        if ((rules & DjoserFieldRules.KeepWhitespace) == 0)
        {
            text = PythonText.Strip(text);
        }

        if (text.Length == 0)
        {
            if ((rules & DjoserFieldRules.AllowBlank) != 0)
            {
                return DjoserOptional<string?>.Some(text);
            }

            errors.Add(name, DjoserMessages.Blank);
            return DjoserOptional<string?>.None;
        }

        var valid = true;
        if ((rules & (DjoserFieldRules.UnicodeUsername | DjoserFieldRules.AsciiUsername)) != 0
            && !DjoserUsernameValidator.IsValid(text, asciiOnly: (rules & DjoserFieldRules.AsciiUsername) != 0))
        {
            errors.Add(name, DjoserMessages.InvalidUsername);
            valid = false;
        }

        // Python's len() counts code points, so an emoji is one character.
        var length = maxLength > 0 || minLength > 0 ? PythonText.Length(text) : 0;
        if (maxLength > 0 && length > maxLength)
        {
            errors.Add(name, string.Format(CultureInfo.InvariantCulture, DjoserMessages.MaxLengthFormat, maxLength));
            valid = false;
        }

        if (minLength > 0 && length < minLength)
        {
            errors.Add(name, string.Format(CultureInfo.InvariantCulture, DjoserMessages.MinLengthFormat, minLength));
            valid = false;
        }

        // DRF's CharField always adds Django's ProhibitNullCharactersValidator, passwords included.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(name, DjoserMessages.NullCharacters);
            valid = false;
        }

        if ((rules & DjoserFieldRules.Email) != 0)
        {
            if (!DjoserEmailAddress.IsValid(text))
            {
                errors.Add(name, DjoserMessages.InvalidEmail);
                valid = false;
            }
            else
            {
                text = DjoserEmailAddress.Normalize(text);
            }
        }

        return valid ? DjoserOptional<string?>.Some(text) : DjoserOptional<string?>.None;
    }

    /// <summary>Reads a non-nullable value field; JSON <c>null</c> is "This field may not be null.".</summary>
    public DjoserOptional<T> ReadValue<T>(string name, DjoserFieldRules rules, IDjoserValueConverter<T> converter, DjoserValidationErrors errors)
        where T : struct
    {
        var read = ReadNullableValue(name, rules & ~DjoserFieldRules.AllowNull, converter, errors);
        return read.HasValue ? DjoserOptional<T>.Some(read.Value!.Value) : DjoserOptional<T>.None;
    }

    /// <summary>Reads a nullable value field; JSON <c>null</c> (or an empty form value) is accepted when <see cref="DjoserFieldRules.AllowNull"/> is set.</summary>
    public DjoserOptional<T?> ReadNullableValue<T>(string name, DjoserFieldRules rules, IDjoserValueConverter<T> converter, DjoserValidationErrors errors)
        where T : struct
    {
        if (!TryGetRaw(name, rules, errors, out var raw, out var isNull))
        {
            return DjoserOptional<T?>.None;
        }

        if (isNull)
        {
            return DjoserOptional<T?>.Some(null);
        }

        if (raw.Text is not null)
        {
            if (converter.TryRead(raw.Text, out var parsed))
            {
                return DjoserOptional<T?>.Some(parsed);
            }

            errors.Add(name, converter.InvalidMessage(raw.Text));
            return DjoserOptional<T?>.None;
        }

        if (converter.TryRead(raw.Json, out var value))
        {
            return DjoserOptional<T?>.Some(value);
        }

        // Messages quote str(input) as Python spells it: True, 1.5, ['a'].
        errors.Add(name, converter.InvalidMessage(PythonText.Str(raw.Json)));
        return DjoserOptional<T?>.None;
    }

    private bool TryGetRaw(string name, DjoserFieldRules rules, DjoserValidationErrors errors, out RawValue raw, out bool isNull)
    {
        raw = default;
        isNull = false;
        if (_form is not null && _form.TryGetValue(name, out var formValues))
        {
            // QueryDict's [] gives the last of repeated keys.
            var text = formValues.Count > 0 ? formValues[^1] ?? string.Empty : string.Empty;
            if (text.Length == 0 && (rules & DjoserFieldRules.AllowBlank) == 0)
            {
                // DRF's Field.get_value for HTML input: an empty value is None for nullable fields
                // and "not sent" for optional ones; only required fields go on to fail on it.
                if ((rules & DjoserFieldRules.AllowNull) != 0)
                {
                    isNull = true;
                    return true;
                }

                if ((rules & DjoserFieldRules.Required) == 0)
                {
                    return false;
                }
            }

            raw = new RawValue(default, text);
            return true;
        }

        if (_form is null && _json.ValueKind == JsonValueKind.Object && _json.TryGetProperty(name, out var element))
        {
            if (element.ValueKind == JsonValueKind.Null)
            {
                if ((rules & DjoserFieldRules.AllowNull) != 0)
                {
                    isNull = true;
                    return true;
                }

                errors.Add(name, DjoserMessages.Null);
                return false;
            }

            raw = new RawValue(element, null);
            return true;
        }

        if ((rules & DjoserFieldRules.Required) != 0)
        {
            errors.Add(name, DjoserMessages.Required);
        }

        return false;
    }

    private readonly record struct RawValue(JsonElement Json, string? Text);
}
