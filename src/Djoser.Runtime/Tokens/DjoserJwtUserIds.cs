using System.ComponentModel;

namespace Djoser.Tokens;

/// <summary>A user id claim's text as the key type, by Identity's own rule (the invariant converter of <typeparamref name="TKey"/>).</summary>
/// <typeparam name="TKey">The user's key type.</typeparam>
internal static class DjoserJwtUserIds<TKey>
    where TKey : IEquatable<TKey>
{
    private static readonly TypeConverter KeyConverter = TypeDescriptor.GetConverter(typeof(TKey));

    /// <summary>The key <paramref name="userId"/> names, or <c>null</c> when it is not one (a token signed elsewhere).</summary>
    public static TKey? Parse(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        try
        {
            return (TKey?)KeyConverter.ConvertFromInvariantString(userId);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or NotSupportedException || exception.InnerException is FormatException or OverflowException)
        {
            return default;
        }
    }
}
