using System.Net;
using System.Text.RegularExpressions;
using Scriban;
using Scriban.Runtime;

namespace Djoser.Emails;

/// <summary>One rendered e-mail: subject, plain-text body and HTML body.</summary>
/// <param name="Subject">The subject, on one line.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="HtmlBody">The HTML body, sent as an alternative to <paramref name="TextBody"/>.</param>
public sealed record DjoserRenderedEmail(string Subject, string TextBody, string HtmlBody);

/// <summary>
/// Renders djoser's e-mails (spec §7) from Liquid templates: the built-in ones, English texts carrying what the era's
/// djoser templates say (1.x's for the V05 and V1 layouts, 2.x's for V2), or an application's files of the same name
/// in <c>Djoser:Email:TemplateDirectory</c>. The
/// templates see <c>user</c> (<c>user.username</c>, <c>user.email</c>), <c>username</c>, <c>email</c>,
/// <c>domain</c>, <c>site_name</c>, <c>protocol</c>, <c>uid</c>, <c>token</c>, <c>url</c> and (e-mail change only) <c>new_email</c>, and print links as
/// <c>{{ protocol }}://{{ domain }}/{{ url }}</c>. Values are HTML-escaped in the HTML body. A custom
/// <see cref="IDjoserEmailSender"/> can inject this class to send the same e-mails another way.
/// </summary>
public sealed partial class DjoserEmailRenderer
{
    private readonly DjoserEmailTemplates _templates;

    /// <summary>A renderer of the built-in templates only, of the default layout's (V1) era.</summary>
    public DjoserEmailRenderer()
        : this(new DjoserEmailTemplates())
    {
    }

    internal DjoserEmailRenderer(DjoserEmailTemplates templates)
    {
        _templates = templates;
    }

    /// <summary>Renders the e-mail of <paramref name="kind"/> for <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a known e-mail.</exception>
    public DjoserRenderedEmail Render(DjoserEmailKind kind, DjoserEmailContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = TemplateName(kind);
        var subject = Whitespace().Replace(RenderPart(name, "subject", context, html: false), " ").Trim();
        var text = RenderPart(name, "text", context, html: false).Trim();
        var html = RenderPart(name, "html", context, html: true).Trim();
        return new DjoserRenderedEmail(subject, text, html);
    }

    /// <summary>The templates' file name stem of <paramref name="kind"/>: djoser's <c>EMAIL</c> setting key.</summary>
    internal static string TemplateName(DjoserEmailKind kind) => kind switch
    {
        DjoserEmailKind.Activation => "activation",
        DjoserEmailKind.Confirmation => "confirmation",
        DjoserEmailKind.PasswordReset => "password_reset",
        DjoserEmailKind.PasswordChanged => "password_changed_confirmation",
        DjoserEmailKind.UsernameReset => "username_reset",
        DjoserEmailKind.UsernameChanged => "username_changed_confirmation",
        DjoserEmailKind.EmailChangeConfirmation => "email_change_confirmation",
        DjoserEmailKind.EmailChangeNotice => "email_change_notice",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown e-mail kind."),
    };

    private string RenderPart(string name, string part, DjoserEmailContext context, bool html)
    {
        var template = _templates.Get($"{name}.{part}");
        var scriptContext = new LiquidTemplateContext { StrictVariables = false, EnableRelaxedMemberAccess = true };
        scriptContext.PushGlobal(Globals(context, html));
        return template.Render(scriptContext);
    }

    private static ScriptObject Globals(DjoserEmailContext context, bool html)
    {
        string? Value(string? value) => value is null ? null : html ? WebUtility.HtmlEncode(value) : value;

        var user = new ScriptObject
        {
            ["username"] = Value(context.Username),
            ["email"] = Value(context.To),
        };

        return new ScriptObject
        {
            ["user"] = user,
            ["username"] = Value(context.Username),
            ["email"] = Value(context.To),
            ["domain"] = Value(context.Domain),
            ["site_name"] = Value(context.SiteName),
            ["protocol"] = Value(context.Protocol),
            ["uid"] = Value(context.Uid),
            ["token"] = Value(context.Token),
            ["url"] = Value(context.Url),
            ["new_email"] = Value(context.NewEmail),
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
