using Djoser.Binding;
using Djoser.Errors;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// Beyond djoser (<c>Djoser:LinkCheckEndpoints</c>): whether an e-mailed uid and token would be accepted by their
/// confirm — 204, or the confirm's own uid, token or stale answer — without consuming the link or changing anything.
/// </summary>
internal sealed class CheckLinkAction<TUser, TKey>(DjoserAccounts<TUser, TKey> accounts, IDjoserUserTokens<TUser> userTokens, DjoserTokenPurpose purpose)
    : DjoserBodyAction<TUser>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override async Task<IResult> ExecuteAsync(DjoserRequest<TUser> request, DjoserRequestBody body)
    {
        var errors = new DjoserValidationErrors();
        // The username reset confirm does not declare uid and token as fields (spec §3.2); its check answers alike.
        var link = await accounts.ReadLinkAsync(body, errors, declared: purpose != DjoserTokenPurpose.UsernameReset);
        if (errors.HasErrors)
        {
            return DjoserResults.ValidationFailed(errors);
        }

        if (link.User is not { } user)
        {
            return accounts.InvalidUid();
        }

        if (!await userTokens.ValidateAsync(user, purpose, link.Token, request.Aborted))
        {
            return accounts.InvalidToken();
        }

        return purpose == DjoserTokenPurpose.Activation && user.EmailConfirmed ? accounts.StaleToken() : DjoserResults.NoContent();
    }
}
