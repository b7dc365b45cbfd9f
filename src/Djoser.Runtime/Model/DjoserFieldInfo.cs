namespace Djoser.Model;

/// <summary>A user-model property as the wire and the messages name it.</summary>
/// <param name="PropertyName">The C# property name, e.g. <c>Email</c>.</param>
/// <param name="JsonName">The JSON name, e.g. <c>email</c>.</param>
/// <param name="VerboseName">Django's verbose name used in messages, e.g. <c>email address</c>.</param>
public sealed record DjoserFieldInfo(string PropertyName, string JsonName, string VerboseName);
