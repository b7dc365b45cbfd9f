using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Djoser.Configuration;
using Djoser.Endpoints.Eras;
using Microsoft.Extensions.Options;
using Scriban;

namespace Djoser.Emails;

/// <summary>
/// The e-mail templates in effect: a file of <c>Djoser:Email:TemplateDirectory</c> where there is one, else the
/// built-in one of the era of <c>Djoser:UrlLayout</c> (djoser 1.x's texts for V05 and V1, 2.x's for V2), else — for a
/// kind that era's djoser did not send — 2.x's. The sets are parsed on first use, so start-up pays nothing for them;
/// <see cref="DjoserEmailTemplateValidator"/> parses the overrides once at start-up so a broken one stops the start.
/// </summary>
internal sealed class DjoserEmailTemplates
{
    /// <summary>A template file's extension.</summary>
    internal const string Extension = ".liquid";

    private const string ResourcePrefix = "Djoser.Emails.Templates.";

    private static readonly Lazy<FrozenDictionary<string, Template>> BuiltIn = new(LoadBuiltIn, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<FrozenDictionary<string, Template>> _overrides;

    private readonly string _set;

    /// <summary>The built-in templates only, of the default layout's era.</summary>
    public DjoserEmailTemplates()
        : this(directory: null, new DjoserOptions().UrlLayout)
    {
    }

    public DjoserEmailTemplates(IOptions<DjoserOptions> options)
        : this(options.Value.Email.TemplateDirectory, options.Value.UrlLayout)
    {
    }

    /// <summary>The built-in templates only, of <paramref name="layout"/>'s era.</summary>
    internal DjoserEmailTemplates(DjoserUrlLayout layout)
        : this(directory: null, layout)
    {
    }

    private DjoserEmailTemplates(string? directory, DjoserUrlLayout layout)
    {
        _set = DjoserEra.For(layout).EmailTemplates;
        _overrides = new Lazy<FrozenDictionary<string, Template>>(() =>
        {
            var (templates, errors) = LoadOverrides(directory);
            return errors.Count == 0 ? templates : throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The names of the built-in templates, e.g. <c>activation.subject</c>: what an override file may be called (plus <c>.liquid</c>).</summary>
    internal static IEnumerable<string> Names =>
        from kind in Enum.GetValues<DjoserEmailKind>()
        from part in new[] { "subject", "text", "html" }
        select $"{DjoserEmailRenderer.TemplateName(kind)}.{part}";

    /// <summary>The template called <paramref name="name"/> (e.g. <c>activation.subject</c>).</summary>
    public Template Get(string name) =>
        _overrides.Value.TryGetValue(name, out var template) ? template
        : BuiltIn.Value.TryGetValue($"{_set}.{name}", out var era) ? era
        : BuiltIn.Value[$"{DjoserEmailTemplateSets.Latest}.{name}"];

    /// <summary>
    /// Parses every <c>*.liquid</c> file of <paramref name="directory"/>. Errors name the file and, for a syntax error,
    /// the line and column; a file whose name is not a built-in template's is an error too, since it would be ignored.
    /// </summary>
    internal static (FrozenDictionary<string, Template> Templates, List<string> Errors) LoadOverrides(string? directory)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(directory))
        {
            return (FrozenDictionary<string, Template>.Empty, errors);
        }

        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            errors.Add($"Djoser:Email:TemplateDirectory '{directory}' is not a folder ({full} does not exist).");
            return (FrozenDictionary<string, Template>.Empty, errors);
        }

        var known = Names.ToHashSet(StringComparer.Ordinal);
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(full, "*" + Extension).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path)[..^Extension.Length];
            if (!known.Contains(name))
            {
                errors.Add($"E-mail template {path} is not named after a built-in template; use one of: {string.Join(", ", known.Order(StringComparer.Ordinal).Select(n => n + Extension))}.");
                continue;
            }

            var template = Template.ParseLiquid(File.ReadAllText(path, Encoding.UTF8), path);
            if (template.HasErrors)
            {
                errors.AddRange(template.Messages.Select(message => string.Create(
                    CultureInfo.InvariantCulture,
                    $"E-mail template {path} does not parse, line {message.Span.Start.Line + 1}, column {message.Span.Start.Column + 1}: {message.Message}")));
                continue;
            }

            templates[name] = template;
        }

        return (templates.ToFrozenDictionary(StringComparer.Ordinal), errors);
    }

    private static FrozenDictionary<string, Template> LoadBuiltIn()
    {
        var assembly = typeof(DjoserEmailTemplates).Assembly;
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(Extension, StringComparison.Ordinal))
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

            // Keyed "<set>.<name>", e.g. "v1.activation.subject".
            templates[resource[ResourcePrefix.Length..^Extension.Length]] = template;
        }

        return templates.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
