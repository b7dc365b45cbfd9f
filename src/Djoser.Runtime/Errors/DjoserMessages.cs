namespace Djoser.Errors;

/// <summary>
/// Every text a client of the endpoints can see, word for word as djoser 1.1 and Django REST framework send it
/// (spec §1, §4). One place, so a translation or a later djoser era changes texts here only.
/// </summary>
#pragma warning disable CS1591 // each constant's value is its documentation
public static class DjoserMessages
{
    // DRF field messages (spec §1.6).
    public const string Required = "This field is required.";
    public const string Blank = "This field may not be blank.";
    public const string Null = "This field may not be null.";
    public const string InvalidString = "Not a valid string.";
    public const string InvalidEmail = "Enter a valid email address.";
    public const string InvalidInteger = "A valid integer is required.";
    public const string InvalidNumber = "A valid number is required.";
    public const string InvalidBoolean = "Must be a valid boolean.";
    public const string InvalidUuid = "Must be a valid UUID.";
    public const string InvalidDate = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.";
    public const string InvalidDateTime = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";
    public const string InvalidChoiceFormat = "\"{0}\" is not a valid choice.";
    public const string MaxLengthFormat = "Ensure this field has no more than {0} characters.";
    public const string NotADictionaryFormat = "Invalid data. Expected a dictionary, but got {0}.";
    public const string JsonParseErrorFormat = "JSON parse error - {0}";
    public const string FormParseErrorFormat = "Multipart form parse error - {0}";

    // Body reading beyond DRF's own parsers (DjoserBodyReader). A urlencoded body has no DRF text (Django's QueryDict
    // never fails, its limits answer Django's HTML 400), so it follows the pattern of DRF's JSON and multipart texts.
    public const string UrlEncodedFormParseErrorFormat = "Form parse error - {0}";
    public const string RequestBodyTooLargeFormat = "Request body is too large: djoser accepts at most {0} bytes.";
    public const string RequestBodyIncomplete = "Request body is incomplete: it ended before its declared length.";

    // Python's UnicodeDecodeError texts, which DRF puts after "JSON parse error - ".
    public const string DecodeByteErrorFormat = "'{0}' codec can't decode byte 0x{1:x2} in position {2}: {3}";
    public const string DecodeBytesErrorFormat = "'{0}' codec can't decode bytes in position {1}-{2}: {3}";
    public const string DecodeInvalidStartByte = "invalid start byte";
    public const string DecodeInvalidContinuationByte = "invalid continuation byte";
    public const string DecodeUnexpectedEnd = "unexpected end of data";
    public const string DecodeInvalidData = "invalid data";

    // Python's json accepts a lone \ud800 escape, but no .NET string store can keep it, so it is a parse error.
    public const string LoneSurrogateEscapeFormat = "Lone surrogate escape \\u{0} in a string";

    // DRF's Serializer.errors for a body of JSON null.
    public const string NoDataProvided = "No data provided";
    public const string UnsupportedMediaTypeFormat = "Unsupported media type \"{0}\" in request.";

    // Model-derived uniqueness (spec §1.6): the default username has its own text, other fields DRF's generic one.
    public const string UsernameTaken = "A user with that username already exists.";
    public const string FieldTakenFormat = "user with this {0} already exists.";

    // DRF responses outside validation (spec §1.3).
    public const string NotAuthenticated = "Authentication credentials were not provided.";
    public const string InvalidAuthToken = "Invalid token.";
    public const string UserInactiveOrDeleted = "User inactive or deleted.";
    public const string TokenHeaderNoCredentials = "Invalid token header. No credentials provided.";
    public const string TokenHeaderHasSpaces = "Invalid token header. Token string should not contain spaces.";
    public const string TokenHeaderInvalidCharacters = "Invalid token header. Token string should not contain invalid characters.";
    public const string MethodNotAllowedFormat = "Method \"{0}\" not allowed.";
    public const string NotFound = "Not found.";

    // djoser 1.1 constants (spec §4.1).
    public const string InvalidCredentials = "Unable to login with provided credentials.";
    public const string InactiveAccount = "User account is disabled.";
    public const string InvalidToken = "Invalid token for given user.";
    public const string InvalidUid = "Invalid user id or user doesn't exist.";
    public const string StaleToken = "Stale token for given user.";
    public const string PasswordMismatch = "The two password fields didn't match.";
    public const string UsernameMismatchFormat = "The two {0} fields didn't match.";
    public const string InvalidPassword = "Invalid password.";
    public const string EmailNotFound = "User with given email does not exist.";
    public const string CannotCreateUser = "Unable to create account.";

    // Django's default password validators (spec §12).
    public const string PasswordTooSimilarFormat = "The password is too similar to the {0}.";
    public const string PasswordTooShortFormat = "This password is too short. It must contain at least {0} characters.";
    public const string PasswordTooCommon = "This password is too common.";
    public const string PasswordEntirelyNumeric = "This password is entirely numeric.";
}
#pragma warning restore CS1591
