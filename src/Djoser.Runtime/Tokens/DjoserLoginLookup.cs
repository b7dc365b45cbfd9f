using Djoser.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Djoser.Tokens;

/// <summary>
/// The user a login names (token login and HTTP Basic): by the username through Identity, or by the model's
/// <c>LoginField</c> with djoser's <c>LoginFieldBackend</c> semantics — one exact match, else nobody.
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
public sealed class DjoserLoginLookup<TUser>(UserManager<TUser> users, IDjoserUserModel<TUser> model)
    where TUser : class
{
    /// <summary>The body field a login is read from.</summary>
    public string FieldName => model.LoginField.JsonName;

    /// <summary>The user <paramref name="login"/> names, or <c>null</c>.</summary>
    public async Task<TUser?> FindAsync(string login, CancellationToken cancellationToken)
    {
        if (model.MatchLogin(login) is not { } filter)
        {
            return await users.FindByNameAsync(login);
        }

        // A login field need not be unique (e-mail is not, in Django's default user): two matches name nobody.
        var matches = await users.Users.Where(filter).Take(2).ToListAsync(cancellationToken);
        return matches.Count == 1 ? matches[0] : null;
    }
}
