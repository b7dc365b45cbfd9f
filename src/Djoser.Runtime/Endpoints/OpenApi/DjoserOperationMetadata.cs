namespace Djoser.Endpoints.OpenApi;

/// <summary>
/// What the OpenAPI document says about one djoser operation, resolved at mapping time. It is plain endpoint metadata,
/// not <c>IAcceptsMetadata</c>/<c>IProducesResponseTypeMetadata</c>: accepts metadata would make routing answer a
/// foreign content type with an empty 415 instead of DRF's <c>{"detail": …}</c> (spec §1.3), and one produces entry
/// per status cannot say that a 400 is one of three shapes.
/// </summary>
/// <param name="Request">The request body's type, or <c>null</c> for none.</param>
/// <param name="PartialRequest">Whether every field of the body is optional (PATCH), whatever the type requires.</param>
/// <param name="SuccessStatus">The success status.</param>
/// <param name="Response">The success body's type, or <c>null</c> for an empty one.</param>
/// <param name="ResponseIsList">Whether the success body is a JSON array of <paramref name="Response"/>.</param>
/// <param name="ErrorStatuses">The error statuses the operation can answer, ascending.</param>
/// <param name="RequiresAuthentication">Whether anonymous calls are refused, so the operation lists the security schemes.</param>
/// <param name="LoginField">The model's login field, for <see cref="DjoserOpenApiNames.LoginField"/>.</param>
/// <param name="UsernameField">The model's username field, for <see cref="DjoserOpenApiNames.UsernameField"/>.</param>
/// <param name="OtherMethods">The <c>Allow</c> header of the URL's 405 answer to other methods.</param>
internal sealed record DjoserOperationMetadata(
    Type? Request,
    bool PartialRequest,
    int SuccessStatus,
    Type? Response,
    bool ResponseIsList,
    IReadOnlyList<int> ErrorStatuses,
    bool RequiresAuthentication,
    string LoginField,
    string UsernameField,
    string OtherMethods);
