namespace Djoser.Errors;

/// <summary>
/// The texts Django REST framework and Django send, word for word (spec §1, §12): the same in every djoser release.
/// djoser's own texts differ between releases and live in each era (<c>Endpoints/Eras/DjoserEra.cs</c>).
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
    public const string MinLengthFormat = "Ensure this field has at least {0} characters.";

    // Django's ProhibitNullCharactersValidator, which DRF's CharField always adds.
    public const string NullCharacters = "Null characters are not allowed.";

    // Django's UnicodeUsernameValidator and ASCIIUsernameValidator (spec §1.6).
    public const string InvalidUsername = "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
    public const string NotADictionaryFormat = "Invalid data. Expected a dictionary, but got {0}.";
    public const string JsonParseErrorFormat = "JSON parse error - {0}";
    public const string FormParseErrorFormat = "Multipart form parse error - {0}";

    // Body reading beyond DRF's own parsers (DjoserBodyReader). A urlencoded body has no DRF text (Django's QueryDict
    // never fails, its limits answer Django's HTML 400), so it follows the pattern of DRF's JSON and multipart texts.
    public const string UrlEncodedFormParseErrorFormat = "Form parse error - {0}";
    public const string FormFieldCountExceededFormat = "Form value count limit {0} exceeded.";
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
    public const string BasicHeaderNoCredentials = "Invalid basic header. No credentials provided.";
    public const string BasicHeaderHasSpaces = "Invalid basic header. Credentials string should not contain spaces.";
    public const string BasicHeaderNotBase64 = "Invalid basic header. Credentials not correctly base64 encoded.";
    public const string InvalidUsernameOrPassword = "Invalid username/password.";
    public const string MethodNotAllowedFormat = "Method \"{0}\" not allowed.";
    public const string NotFound = "Not found.";
    public const string PermissionDenied = "You do not have permission to perform this action.";

    // DRF's ServiceUnavailable (503), for a database that cannot answer (issue 11).
    public const string ServiceUnavailable = "Service temporarily unavailable.";

    // Django's default password validators (spec §12).
    public const string PasswordTooSimilarFormat = "The password is too similar to the {0}.";
    public const string PasswordTooShortFormat = "This password is too short. It must contain at least {0} characters.";
    public const string PasswordTooCommon = "This password is too common.";
    public const string PasswordEntirelyNumeric = "This password is entirely numeric.";
}
#pragma warning restore CS1591
