using System.Text.Json;

namespace Djoser.Binding;

/// <summary>
/// Reads one non-string field type from JSON or form text with DRF's leniency, and writes it back the way DRF
/// renders it. Implementations are stateless singletons in <see cref="DjoserValueConverters"/>.
/// </summary>
/// <typeparam name="T">The CLR type of the property.</typeparam>
public interface IDjoserValueConverter<T>
    where T : struct
{
    /// <summary>Reads a JSON value (never <c>null</c>: the caller handles null).</summary>
    bool TryRead(JsonElement element, out T value);

    /// <summary>Reads a form value as sent; white space is stripped only where the DRF field strips it (numbers, not booleans, choices or dates).</summary>
    bool TryRead(string text, out T value);

    /// <summary>DRF's message for a value that could not be read; <paramref name="input"/> is the raw text.</summary>
    string InvalidMessage(string input);

    /// <summary>Writes <paramref name="value"/> as a JSON value.</summary>
    void Write(Utf8JsonWriter writer, T value);
}
