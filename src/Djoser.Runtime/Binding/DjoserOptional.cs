namespace Djoser.Binding;

/// <summary>A value that a request body either supplied or left out; lets PATCH tell "absent" from "null".</summary>
/// <typeparam name="T">The bound value's type.</typeparam>
public readonly record struct DjoserOptional<T>
{
    private DjoserOptional(T value)
    {
        HasValue = true;
        Value = value;
    }

    /// <summary>Whether the body supplied a valid value.</summary>
    public bool HasValue { get; }

    /// <summary>The value; <c>default</c> when <see cref="HasValue"/> is false.</summary>
    public T Value { get; }

    /// <summary>The absent value.</summary>
    public static DjoserOptional<T> None => default;

    /// <summary>A supplied value.</summary>
    public static DjoserOptional<T> Some(T value) => new(value);

    /// <summary>The value if supplied, else <paramref name="fallback"/>.</summary>
    public T GetValueOrDefault(T fallback) => HasValue ? Value : fallback;
}
