using Djoser.Authentication;
using Djoser.Binding;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// Deleting a user (spec §2.2 "/users/delete/", §3.2 DELETE "/users/{id}/"): <c>current_password</c> is the
/// requester's, also when staff deletes someone else, as in djoser.
/// </summary>
internal sealed class DeleteUserAction<TUser, TKey>(DjoserAccounts<TUser, TKey> accounts) : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var requester = await accounts.LoadForUpdateAsync(request.User!);
        if (requester is null)
        {
            return DjoserAuthenticationResults.UserGone();
        }

        var errors = new DjoserValidationErrors();
        await accounts.CheckCurrentPasswordAsync(requester, body, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var user = ReferenceEquals(request.Target, request.User) ? requester : await accounts.LoadForUpdateAsync(request.Target!);
        if (user is null)
        {
            return DjoserResults.Detail(StatusCodes.Status404NotFound, DjoserMessages.NotFound);
        }

        // Tried again on a fresh copy when a concurrent change (a PATCH, a login) saved the user first: the delete wins,
        // and its 204 means the account is gone (issue 11).
        var refused = await accounts.ChangeAsync(
            user,
            async (current, _) =>
            {
                var deleted = await accounts.DeleteAsync(current, request.Aborted);
                return deleted.Succeeded ? null : DjoserAccounts<TUser, TKey>.Refused(deleted);
            },
            gone: ReferenceEquals(user, requester) ? null : DjoserResults.Detail(StatusCodes.Status404NotFound, DjoserMessages.NotFound));
        return refused ?? DjoserResults.NoContent();
    }
}
