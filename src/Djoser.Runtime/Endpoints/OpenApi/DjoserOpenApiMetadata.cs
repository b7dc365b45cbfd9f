using Djoser.Authorization;
using Djoser.Endpoints.Layouts;
using Djoser.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Djoser.Endpoints.OpenApi;

/// <summary>The one place that turns a layout row's method into the OpenAPI description of its endpoint.</summary>
internal static class DjoserOpenApiMetadata
{
    /// <summary>Tags the endpoint and attaches its <see cref="DjoserOperationMetadata"/>.</summary>
    public static void Describe<TUser>(
        IEndpointConventionBuilder endpoint, RequestDelegate handler, DjoserEndpointRow<TUser> row, DjoserMethodRow<TUser> method, string policy, IDjoserUserModel<TUser> model)
        where TUser : class
    {
        var doc = method.Doc ?? DjoserMethodDoc.Ok(DjoserBody.None);
        var types = model.PayloadTypes;

        // API Explorer lists only endpoints whose metadata holds their handler's MethodInfo, which a RequestDelegate
        // endpoint lacks; the method takes only HttpContext, so it adds no parameters to the description.
        endpoint.WithMetadata(handler.Method);
        endpoint.WithTags(DjoserOpenApiNames.Tag).WithMetadata(new DjoserOperationMetadata(
            TypeOf(doc.Request, types),
            doc.Request == DjoserBody.PartialUpdate,
            doc.Status,
            TypeOf(doc.Response, types),
            doc.Response is DjoserBody.Users or DjoserBody.AuthTokenDevices,
            ErrorStatuses(doc, method.Target, policy),
            RequiresAuthentication(method.Target, policy),
            model.LoginField.JsonName,
            model.UsernameField.JsonName,
            string.Join(", ", row.Methods.Select(m => m.Method).Append(HttpMethods.Options))));
    }

    private static bool RequiresAuthentication(DjoserTarget target, string policy) =>
        target != DjoserTarget.None || policy != DjoserPolicies.PolicyName(DjoserPolicies.AllowAny);

    private static int[] ErrorStatuses(DjoserMethodDoc doc, DjoserTarget target, string policy)
    {
        var statuses = new List<int>();
        if (doc.Request != DjoserBody.None)
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        // Authentication runs before everything, AllowAny included: a bad Authorization header is a 401 (spec §1.5).
        statuses.Add(StatusCodes.Status401Unauthorized);

        // AllowAny and IsAuthenticated never refuse an authenticated caller; any other policy may.
        if (policy != DjoserPolicies.PolicyName(DjoserPolicies.AllowAny) && policy != DjoserPolicies.PolicyName(DjoserPolicies.IsAuthenticated))
        {
            statuses.Add(StatusCodes.Status403Forbidden);
        }

        if (target == DjoserTarget.UserById || doc.NotFound)
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }

        return [.. statuses];
    }

    private static Type? TypeOf(DjoserBody body, DjoserPayloadTypes types) => body switch
    {
        DjoserBody.None => null,
        DjoserBody.Register => types.Register,
        DjoserBody.Update or DjoserBody.PartialUpdate => types.Update,
        DjoserBody.SetUsername => types.SetUsername,
        DjoserBody.User or DjoserBody.Users => types.Response,
        DjoserBody.Root => typeof(DjoserApiRootResponse),
        DjoserBody.CurrentPassword => typeof(DjoserCurrentPasswordRequest),
        DjoserBody.UidToken => typeof(DjoserUidTokenRequest),
        DjoserBody.SetPassword => typeof(DjoserSetPasswordRequest),
        DjoserBody.Email => typeof(DjoserEmailRequest),
        DjoserBody.PasswordResetConfirm => typeof(DjoserPasswordResetConfirmRequest),
        DjoserBody.Login => typeof(DjoserLoginRequest),
        DjoserBody.UsernameResetConfirm => typeof(DjoserUsernameResetConfirmRequest),
        DjoserBody.AuthToken => typeof(DjoserAuthTokenResponse),
        DjoserBody.JwtLogin => typeof(DjoserJwtLoginRequest),
        DjoserBody.JwtToken => typeof(DjoserJwtTokenBody),
        DjoserBody.JwtRefresh => typeof(DjoserJwtRefreshRequest),
        DjoserBody.JwtPair => typeof(DjoserJwtPairResponse),
        DjoserBody.JwtAccess => typeof(DjoserJwtAccessResponse),
        DjoserBody.EmptyObject => typeof(DjoserEmptyObject),
        DjoserBody.AuthTokenDevices => typeof(DjoserAuthTokenDeviceResponse),
        _ => throw new ArgumentOutOfRangeException(nameof(body), body, "No payload type is defined for this body."),
    };
}
