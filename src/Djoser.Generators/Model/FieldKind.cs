namespace Djoser.Generators.Model
{
    /// <summary>How a property is bound and written.</summary>
    internal enum FieldKind
    {
        /// <summary>A string, read with <c>ReadString</c> and written with <c>WriteString</c>.</summary>
        String,

        /// <summary>A value type read and written through one of the runtime's <c>DjoserValueConverters</c>.</summary>
        Value,
    }
}
