namespace Djoser.Tokens;

/// <summary>simplejwt's texts and codes (5.x before 5.5, spec §3.2, §12), in one place.</summary>
internal static class DjoserJwtMessages
{
    public const string TokenInvalidOrExpired = "Token is invalid or expired";
    public const string TokenWrongType = "Token has wrong type";
    public const string TokenHasNoType = "Token has no type";
    public const string TokenHasNoId = "Token has no id";
    public const string TokenHasNoExpiry = "Token has no 'exp' claim";
    public const string NotValidForAnyTokenType = "Given token not valid for any token type";
    public const string NoUserIdentification = "Token contained no recognizable user identification";
    public const string BadAuthorizationHeader = "Authorization header must contain two space-delimited values";
    public const string UserNotFound = "User not found";
    public const string UserInactive = "User is inactive";

    public const string TokenNotValidCode = "token_not_valid";
    public const string BadAuthorizationHeaderCode = "bad_authorization_header";
    public const string UserNotFoundCode = "user_not_found";
    public const string UserInactiveCode = "user_inactive";
}
