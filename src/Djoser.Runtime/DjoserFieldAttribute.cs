namespace Djoser;

/// <summary>
/// Validation rules for a property of the <c>[DjoserUser]</c> class, written on the class so they also reach
/// properties it inherits and cannot redeclare, such as Identity's <c>Email</c> and <c>PhoneNumber</c> (both
/// <c>string?</c>; overriding them non-nullable is CS8765). The generator reads these as it reads
/// <c>[Required]</c>, <c>[MaxLength]</c> and <c>[MinLength]</c> on a property; where both are given, this
/// attribute wins. Only the registration, update and set-username bodies see the rules: they are not EF Core
/// configuration (give the column its length with <c>HasMaxLength</c> when the database should enforce it too).
/// </summary>
/// <example><c>[DjoserField(nameof(Email), Required = true, MaxLength = 254)]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DjoserFieldAttribute : Attribute
{
    /// <summary>Creates the rules for <paramref name="propertyName"/>.</summary>
    /// <param name="propertyName">A public string property of the class or of a base class; use <c>nameof</c>.</param>
    public DjoserFieldAttribute(string propertyName) => PropertyName = propertyName;

    /// <summary>The property the rules apply to.</summary>
    public string PropertyName { get; }

    /// <summary>
    /// Whether a value must be sent, not null and not blank, though the property is a <c>string?</c>
    /// (Django's <c>blank=False</c>). Only <c>true</c> has an effect.
    /// </summary>
    public bool Required { get; set; }

    /// <summary>The most characters accepted ("Ensure this field has no more than N characters."); unset keeps the property's own.</summary>
    public int MaxLength { get; set; }

    /// <summary>The fewest characters accepted ("Ensure this field has at least N characters."); unset keeps the property's own.</summary>
    public int MinLength { get; set; }
}
