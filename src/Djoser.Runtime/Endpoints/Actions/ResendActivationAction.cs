using Djoser.Configuration;
using Djoser.Emails;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Actions;

/// <summary>
/// Sending the activation link again (spec §3.2 "resend_activation"): inactive users with a password only; "not
/// found" is reported before the activation setting is looked at, and with activation off the answer is a 400 with
/// an empty body, as in djoser.
/// </summary>
internal sealed class ResendActivationAction<TUser, TKey>(
    DjoserAccountEmails<TUser, TKey> emails,
    DjoserEmailLookup<TUser, TKey> lookup,
    IOptions<DjoserOptions> options)
    : DjoserLinkRequestAction<TUser, TKey>(emails, lookup, DjoserEmailKind.Activation, forActiveUsers: false)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    protected override IResult? Refusal() =>
        options.Value.SendActivationEmail ? null : Results.StatusCode(StatusCodes.Status400BadRequest);
}
