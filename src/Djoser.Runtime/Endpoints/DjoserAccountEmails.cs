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

    public async Task SendAsync(HttpContext httpContext, DjoserEmailKind kind, TUser user)
    {
        if (string.IsNullOrEmpty(user.Email))
        {
            // A model whose users may have no address (e.g. UserName login without Email) has nobody to write to.
            return;
        }

        var request = httpContext.Request;
        var domain = _options.Domain ?? request.Host.Value ?? "localhost";
        var context = new DjoserEmailContext(
            To: user.Email,
            Username: model.GetUsername(user) ?? string.Empty,
            Domain: domain,
            SiteName: _options.SiteName ?? domain,
            Protocol: request.IsHttps ? "https" : "http");

        (DjoserTokenPurpose Purpose, string? UrlTemplate)? link = kind switch
        {
            DjoserEmailKind.Activation => (DjoserTokenPurpose.Activation, _options.ActivationUrl),
            DjoserEmailKind.PasswordReset => (DjoserTokenPurpose.PasswordReset, _options.PasswordResetConfirmUrl),
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
}
