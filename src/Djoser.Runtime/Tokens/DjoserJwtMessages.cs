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
    public const string NoActiveAccount = "No active account found with the given credentials";
    public const string NoActiveAccountForToken = "No active account found for the given token.";
    public const string TokenBlacklisted = "Token is blacklisted";

    public const string TokenNotValidCode = "token_not_valid";
    public const string BadAuthorizationHeaderCode = "bad_authorization_header";
    public const string UserNotFoundCode = "user_not_found";
    public const string UserInactiveCode = "user_inactive";
    public const string NoActiveAccountCode = "no_active_account";
}

/// <summary>
/// djangorestframework-jwt 1.11's texts (spec §2.2 "JWT"): its serializers send them as 400 <c>non_field_errors</c>,
/// its <c>JSONWebTokenAuthentication</c> as a 401 <c>{"detail"}</c>.
/// </summary>
internal static class DrfJwtMessages
{
    public const string InvalidCredentials = "Unable to log in with provided credentials.";
    public const string AccountDisabled = "User account is disabled.";
    public const string SignatureExpired = "Signature has expired.";
    public const string DecodingError = "Error decoding signature.";
    public const string InvalidPayload = "Invalid payload.";
    public const string UserDoesNotExist = "User doesn't exist.";
    public const string RefreshExpired = "Refresh has expired.";
    public const string OrigIatRequired = "orig_iat field is required.";

    /// <summary>The authentication class's text for a token whose <c>username</c> names nobody.</summary>
    public const string InvalidSignature = "Invalid signature.";

    /// <summary>DRF's <c>AuthenticationFailed</c> default, for PyJWT's other refusals (algorithm, <c>nbf</c>, issuer, audience).</summary>
    public const string IncorrectCredentials = "Incorrect authentication credentials.";

    public const string HeaderNoCredentials = "Invalid Authorization header. No credentials provided.";
    public const string HeaderHasSpaces = "Invalid Authorization header. Credentials string should not contain spaces.";
}
