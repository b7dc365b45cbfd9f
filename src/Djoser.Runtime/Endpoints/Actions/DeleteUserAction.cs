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

        var deleted = await accounts.DeleteAsync(user, request.Aborted);
        return deleted.Succeeded ? DjoserResults.NoContent() : DjoserAccounts<TUser, TKey>.Refused(deleted);
    }
}
