using System.Text.Json;

namespace Djoser.Errors;

/// <summary>
/// DRF's validation error shape being collected: field name → messages, in the order fields were checked,
/// with whole-object errors under <c>non_field_errors</c> (spec §1.1).
/// </summary>
public sealed class DjoserValidationErrors
{
    /// <summary>The key DRF uses for errors that belong to no single field.</summary>
    public const string NonFieldErrorsKey = "non_field_errors";

    private readonly List<KeyValuePair<string, List<string>>> _fields = [];

    /// <summary>Whether any error was recorded.</summary>
    public bool HasErrors => _fields.Count > 0;

    /// <summary>The recorded errors in insertion order.</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> Entries =>
        _fields.Select(pair => new KeyValuePair<string, IReadOnlyList<string>>(pair.Key, pair.Value));

    /// <summary>Records <paramref name="message"/> under <paramref name="field"/>.</summary>
    public void Add(string field, string message) => MessagesOf(field).Add(message);

    /// <summary>Records several messages under <paramref name="field"/>; none at all records nothing.</summary>
    public void AddRange(string field, IEnumerable<string> messages)
    {
        // An empty list must not create the key: {"field": []} would make a valid field look failed.
        var list = messages.ToList();
        if (list.Count > 0)
        {
            MessagesOf(field).AddRange(list);
        }
    }

    /// <summary>Records a whole-object error.</summary>
    public void AddNonField(string message) => Add(NonFieldErrorsKey, message);

    /// <summary>Whether <paramref name="field"/> already has an error.</summary>
    public bool Contains(string field) => _fields.Exists(pair => pair.Key == field);

    /// <summary>The messages recorded under <paramref name="field"/>, empty when none.</summary>
    public IReadOnlyList<string> this[string field] =>
        _fields.Find(pair => pair.Key == field).Value ?? (IReadOnlyList<string>)Array.Empty<string>();

    /// <summary>Writes the errors as a JSON object <c>{"field": ["message", …]}</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (field, messages) in _fields)
        {
            writer.WriteStartArray(field);
            foreach (var message in messages)
            {
                writer.WriteStringValue(message);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private List<string> MessagesOf(string field)
    {
        var index = _fields.FindIndex(pair => pair.Key == field);
        if (index >= 0)
        {
            return _fields[index].Value;
        }

        var messages = new List<string>();
        _fields.Add(new(field, messages));
        return messages;
    }
}
