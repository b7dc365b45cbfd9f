using Djoser.Configuration;
using Djoser.Endpoints.Eras;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints;

/// <summary>
/// The users an e-mail address names for the reset and resend endpoints, as each era looks them up: 1.1 ignores case,
/// 2.x matches exactly; only users with a usable password; a list, so duplicate addresses are no 500 (spec §6.8, §10).
/// </summary>
internal sealed class DjoserEmailLookup<TUser, TKey>(UserManager<TUser> users, IOptions<DjoserOptions> options, DjoserEra era)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    /// <summary>The body field: djoser's <c>EMAIL_FIELD</c>, Identity's <c>Email</c>.</summary>
    public const string EmailField = "email";

    /// <summary>Whether an unknown address is a 400 (<c>PasswordResetShowEmailNotFound</c> or, 2.x, <c>UsernameResetShowEmailNotFound</c>).</summary>
    public bool ShowNotFound => options.Value.PasswordResetShowEmailNotFound || options.Value.UsernameResetShowEmailNotFound;

    /// <summary>Active (reset) or inactive (resend activation) users with a password whose address is <paramref name="email"/>.</summary>
    public Task<List<TUser>> FindAsync(string email, bool active, CancellationToken cancellationToken)
    {
        var normalized = users.NormalizeEmail(email);
        var query = era.EmailLookupIgnoresCase
            ? users.Users.Where(u => u.NormalizedEmail == normalized)
            : users.Users.Where(u => u.Email == email);
        return query.Where(u => u.EmailConfirmed == active && u.PasswordHash != null).ToListAsync(cancellationToken);
    }

    /// <summary><c>EMAIL_NOT_FOUND</c> in the era's shape: <c>{"email": [...]}</c> in 1.1, a bare list in 2.x.</summary>
    public IResult NotFound() =>
        era.EmailNotFoundAsField ? DjoserResults.FieldError(EmailField, era.EmailNotFound) : DjoserResults.BareList(era.EmailNotFound);
}
