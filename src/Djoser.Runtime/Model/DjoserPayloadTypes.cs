namespace Djoser.Model;

/// <summary>
/// The generated payload types of a <c>[DjoserUser]</c> model, for describing its endpoints (OpenAPI) without a type
/// parameter per payload. Their properties carry the wire names as <c>[JsonPropertyName]</c>.
/// </summary>
/// <param name="Register">The registration body (<c>{User}RegisterRequest</c>).</param>
/// <param name="Update">The PUT/PATCH body of a user (<c>{User}UpdateRequest</c>).</param>
/// <param name="SetUsername">The set-username body (<c>{User}SetUsernameRequest</c>).</param>
/// <param name="Response">The user object (<c>{User}Response</c>).</param>
public sealed record DjoserPayloadTypes(Type Register, Type Update, Type SetUsername, Type Response);
