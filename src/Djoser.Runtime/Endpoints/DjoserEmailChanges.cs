using System.Globalization;
using Djoser.Configuration;
using Djoser.Errors;
using Djoser.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints;

/// <summary>
/// What set username, the user update and the e-mail change confirm share under <c>Djoser:Email:ConfirmEmailChange</c>
/// (djoser #284, #442): whether a change of the e-mail waits for the new address, where the e-mail lives in the model,
/// and whether an address is free, checked when the change is asked and again when it is confirmed.
/// </summary>
internal sealed class DjoserEmailChanges<TUser, TKey>(
    DjoserAccounts<TUser, TKey> accounts,
    IDjoserUserModel<TUser> model,
    IOptions<DjoserOptions> options)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    /// <summary>Whether an e-mail change waits for the new address's confirmation.</summary>
    public bool Deferred => options.Value.Email.ConfirmEmailChange;

    /// <summary>Whether the username field is the e-mail, so the username changes with it.</summary>
    public bool EmailIsUsername => model.UsernameField.PropertyName == nameof(IdentityUser.Email);

    /// <summary>The e-mail's JSON name, under which an address taken is reported.</summary>
    public string EmailField => EmailInfo?.JsonName ?? "email";

    private DjoserFieldInfo? EmailInfo =>
        EmailIsUsername ? model.UsernameField : model.RequiredFields.FirstOrDefault(f => f.PropertyName == nameof(IdentityUser.Email));

    /// <summary>
    /// The 400 when <paramref name="newEmail"/> is not free for <paramref name="user"/>, else <c>null</c>. As the e-mail
    /// username field it must be free of everyone (the requester too, as djoser's set username checks it); otherwise only
    /// when Identity requires unique e-mails, with Identity's answer as an immediate update gives it.
    /// </summary>
    public async Task<IResult?> TakenAsync(TUser user, string newEmail)
    {
        var users = accounts.Users;
        if (EmailIsUsername)
        {
            return await users.FindByNameAsync(newEmail) is null ? null : DjoserResults.FieldError(EmailField, accounts.UsernameTakenMessage());
        }

        if (users.Options.User.RequireUniqueEmail && await users.FindByEmailAsync(newEmail) is { } owner
            && !string.Equals(await users.GetUserIdAsync(owner), await users.GetUserIdAsync(user), StringComparison.Ordinal))
        {
            return DjoserAccounts<TUser, TKey>.Refused(IdentityResult.Failed(users.ErrorDescriber.DuplicateEmail(newEmail)));
        }

        return null;
    }

    /// <summary>The 400 of an address taken between the confirm's check and its save (the unique index decided).</summary>
    public IResult TakenAtSave() =>
        DjoserResults.FieldError(EmailField, EmailIsUsername
            ? accounts.UsernameTakenMessage()
            : string.Format(CultureInfo.InvariantCulture, DjoserMessages.FieldTakenFormat, EmailInfo?.VerboseName ?? "email address"));
}
