using Djoser.Authentication;
using Djoser.Binding;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Endpoints.Actions;

/// <summary>Deleting the current user with its <c>current_password</c> (spec §2.2 "/users/delete/").</summary>
internal sealed class DeleteMeAction<TUser, TKey>(DjoserAccounts<TUser, TKey> accounts) : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var user = await accounts.LoadForUpdateAsync(request.User!);
        if (user is null)
        {
            return DjoserAuthenticationResults.UserGone();
        }

        var errors = new DjoserValidationErrors();
        await accounts.CheckCurrentPasswordAsync(user, body, errors);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        var deleted = await accounts.DeleteAsync(user, request.Aborted);
        return deleted.Succeeded ? DjoserResults.NoContent() : DjoserAccounts<TUser, TKey>.Refused(deleted);
    }
}
