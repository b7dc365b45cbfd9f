using Djoser.Configuration;
using Djoser.Emails;
using Djoser.Model;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints;

/// <summary>Composes an account e-mail (recipient, site, and for link e-mails the uid, token and URL) and hands it to the sender.</summary>
internal sealed class DjoserAccountEmails<TUser, TKey>(
    IDjoserUserModel<TUser> model,
    IOptions<DjoserOptions> options,
    UserManager<TUser> users,
    IDjoserUserTokens<TUser> userTokens,
    IDjoserEmailSender sender)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    private readonly DjoserOptions _options = options.Value;

    /// <summary>
    /// Sends <paramref name="kind"/> to <paramref name="user"/>'s current e-mail. djoser 2.x sends
    /// <c>username_changed_confirmation</c> to the user's e-mail after the change, the new address when the username is
    /// the e-mail (spec §3.2). That is <see cref="IdentityUser{TKey}.Email"/> once <c>SetUsername</c> has run, since the
    /// model writes the e-mail too when it is the username field, so callers need no explicit address.
    /// </summary>
    public async Task SendAsync(HttpContext httpContext, DjoserEmailKind kind, TUser user)
    {
        if (string.IsNullOrEmpty(user.Email))
        {
            // A model whose users may have no address (e.g. UserName login without Email) has nobody to write to.
            return;
        }

        var domain = Domain(httpContext.Request);
        var context = new DjoserEmailContext(
            To: user.Email,
            Username: model.GetUsername(user) ?? string.Empty,
            Domain: domain,
            SiteName: string.IsNullOrWhiteSpace(_options.SiteName) ? domain : _options.SiteName,
            Protocol: _options.Protocol);

        (DjoserTokenPurpose Purpose, string? UrlTemplate)? link = kind switch
        {
            DjoserEmailKind.Activation => (DjoserTokenPurpose.Activation, _options.ActivationUrl),
            DjoserEmailKind.PasswordReset => (DjoserTokenPurpose.PasswordReset, _options.PasswordResetConfirmUrl),
            DjoserEmailKind.UsernameReset => (DjoserTokenPurpose.UsernameReset, _options.UsernameResetConfirmUrl),
            _ => null,
        };

        if (link is ({ } tokenPurpose, { } urlTemplate))
        {
            var uid = DjoserUid.Encode(await users.GetUserIdAsync(user));
            var token = await userTokens.GenerateAsync(user, tokenPurpose, httpContext.RequestAborted);
            context = context with
            {
                Uid = uid,
                Token = token,
                Url = urlTemplate.Replace("{uid}", uid, StringComparison.Ordinal).Replace("{token}", token, StringComparison.Ordinal),
            };
        }

        await sender.SendAsync(kind, context, httpContext.RequestAborted);
    }

    /// <summary>
    /// <c>Djoser:Domain</c>; the request's host only with the development opt-in <c>Djoser:Email:UseRequestHost</c>
    /// (start-up fails without one of the two, see <see cref="DjoserLinkOptionsValidator"/>).
    /// </summary>
    private string Domain(HttpRequest request)
    {
        if (!string.IsNullOrWhiteSpace(_options.Domain))
        {
            return _options.Domain;
        }

        if (_options.Email.UseRequestHost && request.Host.HasValue)
        {
            return request.Host.Value!;
        }

        throw new InvalidOperationException("Djoser:Domain is required to build e-mailed links (or, for development only, Djoser:Email:UseRequestHost = true).");
    }
}
