namespace Djoser.Generators.Model
{
    /// <summary>
    /// One user-model property as djoser binds and writes it. Immutable with value equality; members must keep it so
    /// (strings, numbers, bools and enums only).
    /// </summary>
    /// <param name="PropertyName">The C# property name, e.g. <c>FirstName</c>.</param>
    /// <param name="JsonName">The wire name, e.g. <c>first_name</c>.</param>
    /// <param name="VerboseName">Django's verbose name, used in messages, e.g. <c>first name</c>.</param>
    /// <param name="TypeName">The declared type with <c>global::</c> and nullability, e.g. <c>string?</c> or <c>int</c>.</param>
    /// <param name="ValueTypeName">For <see cref="FieldKind.Value"/>, the non-nullable value type; else <c>string</c>.</param>
    /// <param name="Kind">String or converter-backed value.</param>
    /// <param name="IsNullable">
    /// Whether the field accepts <c>null</c> (and, for strings, blank) on the wire: a <c>string?</c> or <c>T?</c>
    /// property, unless <c>[Required]</c> or <c>[DjoserField(Required = true)]</c> makes a <c>string?</c> required.
    /// </param>
    /// <param name="Converter">For values, the converter expression; empty for strings.</param>
    /// <param name="IsEmail">Whether the value is validated as an e-mail address.</param>
    /// <param name="MaxLength">The longest accepted string (a declared length or the default bound); 0 for values.</param>
    /// <param name="MinLength">The shortest accepted non-blank string; 0 for no limit.</param>
    internal sealed record FieldSpec(
        string PropertyName,
        string JsonName,
        string VerboseName,
        string TypeName,
        string ValueTypeName,
        FieldKind Kind,
        bool IsNullable,
        string Converter,
        bool IsEmail,
        int MaxLength,
        int MinLength);
}
