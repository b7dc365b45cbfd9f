using System.Collections.Frozen;
using System.Net;
using System.Text;
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
/// Renders djoser's e-mails (spec §7) from the built-in Liquid templates with djoser's default English texts. The
/// templates see <c>user</c> (<c>user.username</c>, <c>user.email</c>), <c>username</c>, <c>email</c>,
/// <c>domain</c>, <c>site_name</c>, <c>protocol</c>, <c>uid</c>, <c>token</c> and <c>url</c>, and print links as
/// <c>{{ protocol }}://{{ domain }}/{{ url }}</c>. Values are HTML-escaped in the HTML body. A custom
/// <see cref="IDjoserEmailSender"/> can inject this class to send the same e-mails another way.
/// </summary>
public sealed partial class DjoserEmailRenderer
{
    private static readonly Lazy<FrozenDictionary<string, Template>> Templates = new(LoadTemplates, LazyThreadSafetyMode.ExecutionAndPublication);

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
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown e-mail kind."),
    };

    private static string RenderPart(string name, string part, DjoserEmailContext context, bool html)
    {
        var template = Templates.Value[$"{name}.{part}"];
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
        };
    }

    private static FrozenDictionary<string, Template> LoadTemplates()
    {
        const string prefix = "Djoser.Emails.Templates.";
        const string suffix = ".liquid";
        var assembly = typeof(DjoserEmailRenderer).Assembly;
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var template = Template.ParseLiquid(reader.ReadToEnd(), resource);
            if (template.HasErrors)
            {
                throw new InvalidOperationException($"The built-in e-mail template '{resource}' does not parse: {string.Join("; ", template.Messages)}");
            }

            templates[resource[prefix.Length..^suffix.Length]] = template;
        }

        return templates.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
