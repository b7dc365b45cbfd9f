using System.Text.Json.Nodes;
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
    DjoserEmailChangeTokens<TUser> emailChangeTokens,
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

        await AddAsync(httpContext, kind, user, user.Email, data: null);
    }

    /// <summary>
    /// Queues an e-mail change of <paramref name="user"/> to <paramref name="newEmail"/> (<c>Djoser:Email:ConfirmEmailChange</c>):
    /// the confirmation link to the new address and the notice to the current one, if any. Both rows carry the two
    /// addresses (no secret) in <see cref="DjoserOutboxMessage.Data"/>; the link's token is minted at delivery.
    /// </summary>
    public async Task QueueEmailChangeAsync(HttpContext httpContext, TUser user, string newEmail)
    {
        var data = new JsonObject { [FromKey] = user.Email ?? string.Empty, [ToKey] = newEmail }.ToJsonString();
        await AddAsync(httpContext, DjoserEmailKind.EmailChangeConfirmation, user, newEmail, data);
        if (!string.IsNullOrEmpty(user.Email))
        {
            await AddAsync(httpContext, DjoserEmailKind.EmailChangeNotice, user, user.Email, data);
        }
    }

    private async Task AddAsync(HttpContext httpContext, DjoserEmailKind kind, TUser user, string recipient, string? data)
    {
        var now = time.GetUtcNow();
        var message = new DjoserOutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            UserId = await users.GetUserIdAsync(user),
            Recipient = recipient,
            Domain = Domain(httpContext.Request),
            Data = data,
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

        (string From, string To)? change = message.Kind is DjoserEmailKind.EmailChangeConfirmation or DjoserEmailKind.EmailChangeNotice
            ? ReadEmailChange(message.Data) ?? throw new InvalidOperationException($"The outbox row {message.Id} of an e-mail change does not name the addresses.")
            : null;
        if (change is { } addresses)
        {
            // The new address in full only to itself; the old one sees enough to recognise it, not to learn it.
            context = context with { NewEmail = message.Kind == DjoserEmailKind.EmailChangeConfirmation ? addresses.To : Mask(addresses.To) };
        }

        if (LinkPurpose(message.Kind) is { } tokenPurpose && UrlTemplate(message.Kind) is { } urlTemplate)
        {
            var uid = DjoserUid.Encode(await users.GetUserIdAsync(user));
            var token = change is { } bound
                ? await emailChangeTokens.GenerateAsync(user, bound.To)
                : await userTokens.GenerateAsync(user, tokenPurpose, cancellationToken);
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
        DjoserEmailKind.EmailChangeConfirmation => DjoserTokenPurpose.EmailChange,
        _ => null,
    };

    /// <summary>
    /// The address a queued link e-mail's link is bound to, which must still be the user's at delivery: the recipient,
    /// except for an e-mail change's confirmation, sent to the new address but bound to the one it changes from (so a
    /// change confirmed or made otherwise meanwhile drops it). <c>null</c> for the e-mails without a link.
    /// </summary>
    internal static string? BoundAddress(DjoserOutboxMessage message) =>
        LinkPurpose(message.Kind) is null ? null
        : message.Kind == DjoserEmailKind.EmailChangeConfirmation ? (ReadEmailChange(message.Data) is { } change ? change.From : string.Empty)
        : message.Recipient;

    /// <summary><c>n***@example.com</c>: the first character of the local part and the domain.</summary>
    internal static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : string.Concat(address.AsSpan(0, 1), "***", address.AsSpan(at));
    }

    private const string FromKey = "from";
    private const string ToKey = "to";

    private static (string From, string To)? ReadEmailChange(string? data)
    {
        try
        {
            return data is not null && JsonNode.Parse(data) is JsonObject change
                && change[FromKey]?.GetValue<string>() is { } from && change[ToKey]?.GetValue<string>() is { Length: > 0 } to
                ? (from, to)
                : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private string? UrlTemplate(DjoserEmailKind kind) => kind switch
    {
        DjoserEmailKind.Activation => _options.ActivationUrl,
        DjoserEmailKind.PasswordReset => _options.PasswordResetConfirmUrl,
        DjoserEmailKind.UsernameReset => _options.UsernameResetConfirmUrl,
        DjoserEmailKind.EmailChangeConfirmation => _options.EmailChangeConfirmUrl,
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
