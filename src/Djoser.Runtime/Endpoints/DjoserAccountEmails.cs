using Djoser.Configuration;
using Djoser.Data;
using Djoser.Emails;
using Djoser.Emails.Outbox;
using Djoser.Model;
using Djoser.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints;

/// <summary>
/// The account e-mails in two halves. In the request, <see cref="QueueAsync"/> writes an outbox row naming the kind,
/// the user, the recipient and the domain — never a token or a link. At delivery, <see cref="ComposeAsync"/> rebuilds
/// djoser's context (spec §7) from the row and the user as they are then, minting the uid and token.
/// </summary>
internal sealed class DjoserAccountEmails<TUser, TKey>(
    IDjoserUserModel<TUser> model,
    IOptions<DjoserOptions> options,
    UserManager<TUser> users,
    IDjoserUserTokens<TUser> userTokens,
    IDjoserOutbox outbox,
    TimeProvider time,
    ILogger<DjoserAccountEmails<TUser, TKey>> logger)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    private readonly DjoserOptions _options = options.Value;

    /// <summary>
    /// Queues <paramref name="kind"/> to <paramref name="user"/>'s current e-mail, in the unit of work of
    /// <see cref="IDjoserOutbox.InTransactionAsync"/>. djoser 2.x sends <c>username_changed_confirmation</c> to the
    /// user's e-mail after the change, the new address when the username is the e-mail (spec §3.2). That is
    /// <see cref="IdentityUser{TKey}.Email"/> once <c>SetUsername</c> has run, since the model writes the e-mail too when
    /// it is the username field, so callers need no explicit address.
    /// </summary>
    public async Task QueueAsync(HttpContext httpContext, DjoserEmailKind kind, TUser user)
    {
        if (string.IsNullOrEmpty(user.Email))
        {
            // A model whose users may have no address (e.g. UserName login without Email) has nobody to write to.
            return;
        }

        var now = time.GetUtcNow();
        var message = new DjoserOutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            UserId = await users.GetUserIdAsync(user),
            Recipient = user.Email,
            Domain = Domain(httpContext.Request),
            CreatedAt = now,
            NextAttemptAt = now,
            // A link e-mail is worth sending only while its link would work (Django's PASSWORD_RESET_TIMEOUT).
            ExpiresAt = now + (LinkPurpose(kind) is null ? _options.Email.Outbox.MaxAge : _options.PasswordResetTimeout),
        };
        outbox.Add(message);
        Djoser.Emails.Log.OutboxQueued(logger, kind, message.Id);
    }

    /// <summary>
    /// Queues a row of the same shape as <see cref="QueueAsync"/> for a link request whose address names nobody, born
    /// given up, so no dispatcher ever claims it. The request for an unknown address then does the database work of a
    /// known one (a lookup, one insert, one commit) and takes as long: its timing does not tell who has an account
    /// (issue 11). It holds neither the address nor a user.
    /// </summary>
    public void QueueUnmatched(HttpContext httpContext, DjoserEmailKind kind)
    {
        var now = time.GetUtcNow();
        outbox.Add(new DjoserOutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            UserId = string.Empty,
            Recipient = string.Empty,
            Domain = Domain(httpContext.Request),
            CreatedAt = now,
            NextAttemptAt = now,
            ExpiresAt = now,
            FailedAt = now,
            LastError = "No active user has the requested address.",
        });
    }

    /// <summary>
    /// Runs <paramref name="change"/> and saves the e-mails it queued with it, in one transaction (see
    /// <see cref="IDjoserOutbox.InTransactionAsync"/>): <c>null</c> commits, a refusal rolls both back.
    /// </summary>
    public Task<IResult?> InTransactionAsync(Func<Task<IResult?>> change, CancellationToken cancellationToken) =>
        outbox.InTransactionAsync(change, cancellationToken);

    /// <summary>The template context of a queued <paramref name="message"/> for <paramref name="user"/>, with a fresh link for link e-mails.</summary>
    public async Task<DjoserEmailContext> ComposeAsync(DjoserOutboxMessage message, TUser user, CancellationToken cancellationToken)
    {
        var context = new DjoserEmailContext(
            To: message.Recipient,
            Username: model.GetUsername(user) ?? string.Empty,
            Domain: message.Domain,
            SiteName: string.IsNullOrWhiteSpace(_options.SiteName) ? message.Domain : _options.SiteName,
            Protocol: _options.Protocol);

        if (LinkPurpose(message.Kind) is { } tokenPurpose && UrlTemplate(message.Kind) is { } urlTemplate)
        {
            var uid = DjoserUid.Encode(await users.GetUserIdAsync(user));
            var token = await userTokens.GenerateAsync(user, tokenPurpose, cancellationToken);
            context = context with
            {
                Uid = uid,
                Token = token,
                Url = urlTemplate.Replace("{uid}", uid, StringComparison.Ordinal).Replace("{token}", token, StringComparison.Ordinal),
            };
        }

        return context;
    }

    /// <summary>The token purpose of a link e-mail; <c>null</c> for the e-mails without a link.</summary>
    internal static DjoserTokenPurpose? LinkPurpose(DjoserEmailKind kind) => kind switch
    {
        DjoserEmailKind.Activation => DjoserTokenPurpose.Activation,
        DjoserEmailKind.PasswordReset => DjoserTokenPurpose.PasswordReset,
        DjoserEmailKind.UsernameReset => DjoserTokenPurpose.UsernameReset,
        _ => null,
    };

    private string? UrlTemplate(DjoserEmailKind kind) => kind switch
    {
        DjoserEmailKind.Activation => _options.ActivationUrl,
        DjoserEmailKind.PasswordReset => _options.PasswordResetConfirmUrl,
        DjoserEmailKind.UsernameReset => _options.UsernameResetConfirmUrl,
        _ => null,
    };

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
