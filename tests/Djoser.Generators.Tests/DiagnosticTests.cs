using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Djoser.Generators.Tests;

/// <summary>One failing model per diagnostic id; the marked span <c>[|…|]</c> is where the diagnostic must point.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Text.Json.Serialization;
        using Djoser;
        using Microsoft.AspNetCore.Identity;

        namespace Shop;

        """;

    [Fact]
    public void DJ0001_UsernameFieldTypo_PointsAtArgumentAndSuggestsProperty()
    {
        AssertDiagnostic(
            """
            [DjoserUser(UsernameField = [|"Emial"|])]
            public class Customer : IdentityUser
            {
            }
            """,
            "DJ0001",
            DiagnosticSeverity.Error,
            "'Emial' is not a property of 'Shop.Customer'; UsernameField must name a public string property (did you mean 'Email'?)");
    }

    [Fact]
    public void DJ0002_UsernameFieldInRequiredFields_PointsAtElement()
    {
        AssertDiagnostic(
            """
            [DjoserUser(UsernameField = nameof(Email), RequiredFields = [nameof(FirstName), [|nameof(Email)|]])]
            public class Customer : IdentityUser
            {
                public string FirstName { get; set; } = "";
            }
            """,
            "DJ0002",
            DiagnosticSeverity.Error,
            "'Email' is the UsernameField of 'Shop.Customer' and must not be listed in RequiredFields; remove it from RequiredFields");
    }

    [Fact]
    public void DJ0003_RequiredFieldTypo_PointsAtElement()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = new[] { "FirstName", [|"LastNmae"|] })]
            public class Customer : IdentityUser
            {
                public string FirstName { get; set; } = "";

                public string LastName { get; set; } = "";
            }
            """,
            "DJ0003",
            DiagnosticSeverity.Error,
            "'LastNmae' in RequiredFields is not a property of 'Shop.Customer'; RequiredFields must name public properties (did you mean 'LastName'?)");
    }

    [Fact]
    public void DJ0004_MissingIdentityUserBase_PointsAtClassName()
    {
        AssertDiagnostic(
            """
            [DjoserUser]
            public class [|Customer|]
            {
                public string UserName { get; set; } = "";
            }
            """,
            "DJ0004",
            DiagnosticSeverity.Error,
            "'Shop.Customer' must derive from Microsoft.AspNetCore.Identity.IdentityUser or IdentityUser<TKey> with TKey string, Guid, int or long to be a [DjoserUser]");
    }

    [Fact]
    public void DJ0004_UnsupportedKeyType()
    {
        AssertDiagnostic(
            """
            [DjoserUser]
            public class [|Customer|] : IdentityUser<short>
            {
            }
            """,
            "DJ0004",
            DiagnosticSeverity.Error,
            "'Shop.Customer' must derive from Microsoft.AspNetCore.Identity.IdentityUser or IdentityUser<TKey> with TKey string, Guid, int or long to be a [DjoserUser]");
    }

    [Theory]
    [InlineData("public abstract class [|Customer|] : IdentityUser { }")]
    [InlineData("internal class [|Customer|] : IdentityUser { }")]
    [InlineData("public class [|Customer|]<T> : IdentityUser { }")]
    [InlineData("public class [|Customer|] : IdentityUser { public Customer(string name) { } }")]
    public void DJ0005_ClassShape(string declaration)
    {
        var name = declaration.Contains("<T>") ? "Shop.Customer<T>" : "Shop.Customer";
        AssertDiagnostic(
            "[DjoserUser]\n" + declaration,
            "DJ0005",
            DiagnosticSeverity.Error,
            $"'{name}' must be a public, non-abstract, non-static, non-generic class with a public parameterless constructor to be a [DjoserUser]");
    }

    [Fact]
    public void DJ0006_UnsupportedPropertyType_NamesSupportedTypes()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [[|nameof(Website)|]])]
            public class Customer : IdentityUser
            {
                public Uri? Website { get; set; }
            }
            """,
            "DJ0006",
            DiagnosticSeverity.Error,
            "Property 'Website' of 'Shop.Customer' has type 'System.Uri?', which djoser cannot bind; supported types are string, bool, byte, short, int, long, decimal, double, float, Guid, DateOnly, DateTime, DateTimeOffset, public enums and their nullable forms");
    }

    [Fact]
    public void DJ0007_UsernameFieldNotString()
    {
        AssertDiagnostic(
            """
            [DjoserUser(UsernameField = [|nameof(Number)|])]
            public class Customer : IdentityUser
            {
                public int Number { get; set; }
            }
            """,
            "DJ0007",
            DiagnosticSeverity.Error,
            "UsernameField 'Number' of 'Shop.Customer' has type 'int'; the username field must be a string property");
    }

    [Fact]
    public void DJ0008_DuplicateRequiredField_PointsAtSecondEntry()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [nameof(FirstName), [|nameof(FirstName)|]])]
            public class Customer : IdentityUser
            {
                public string FirstName { get; set; } = "";
            }
            """,
            "DJ0008",
            DiagnosticSeverity.Error,
            "'FirstName' is listed more than once in the RequiredFields of 'Shop.Customer'; remove the duplicate");
    }

    [Fact]
    public void DJ0009_PrivateSetter()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [[|nameof(FirstName)|]])]
            public class Customer : IdentityUser
            {
                public string FirstName { get; private set; } = "";
            }
            """,
            "DJ0009",
            DiagnosticSeverity.Error,
            "Property 'FirstName' of 'Shop.Customer' needs a public getter and a public (non-init) setter to be used by djoser");
    }

    [Fact]
    public void DJ0010_JsonNameOfDjoserField()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [[|nameof(Secret)|]])]
            public class Customer : IdentityUser
            {
                [JsonPropertyName("password")]
                public string Secret { get; set; } = "";
            }
            """,
            "DJ0010",
            DiagnosticSeverity.Error,
            "JSON name 'password' of property 'Secret' of 'Shop.Customer' collides with djoser's own field 'password'; rename the property or give it another [JsonPropertyName]");
    }

    [Fact]
    public void DJ0010_JsonNameOfAnotherField()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [nameof(FirstName), [|nameof(GivenName)|]])]
            public class Customer : IdentityUser
            {
                public string FirstName { get; set; } = "";

                [JsonPropertyName("first_name")]
                public string GivenName { get; set; } = "";
            }
            """,
            "DJ0010",
            DiagnosticSeverity.Error,
            "JSON name 'first_name' of property 'GivenName' of 'Shop.Customer' collides with property 'FirstName'; rename the property or give it another [JsonPropertyName]");
    }

    [Fact]
    public void DJ0011_NullableRequiredField_WarnsAndStillGenerates()
    {
        var run = AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [[|nameof(Nickname)|]])]
            public class Customer : IdentityUser
            {
                public string? Nickname { get; set; }
            }
            """,
            "DJ0011",
            DiagnosticSeverity.Warning,
            "RequiredFields entry 'Nickname' of 'Shop.Customer' is a nullable string, so registration accepts it absent, null or blank; make it non-nullable to require a value",
            expectSources: true);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
    }

    [Fact]
    public void EveryDescriptor_HasHelpLinkAndTrackedRelease()
    {
        var descriptors = typeof(Djoser.Generators.Diagnostics.DiagnosticDescriptors)
            .GetFields()
            .Select(f => f.GetValue(null))
            .OfType<DiagnosticDescriptor>()
            .ToList();
        var unshipped = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Djoser.Generators", "AnalyzerReleases.Unshipped.md"));

        Assert.Equal(11, descriptors.Count);
        foreach (var descriptor in descriptors)
        {
            Assert.Equal("https://github.com/djoser-gen/djoser-gen/blob/main/docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped, StringComparison.Ordinal);
        }
    }

    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));

    /// <summary>Exactly one diagnostic: this id, severity, message and span; no generated files unless told.</summary>
    private static GeneratorRun AssertDiagnostic(string markedSource, string id, DiagnosticSeverity severity, string message, bool expectSources = false)
    {
        var (source, span) = Unmark(Usings + markedSource);
        var run = GeneratorHarness.Run(source, expectDiagnostics: true);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Equal("User.cs", diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal(expectSources, run.Sources.Count > 0);
        return run;
    }

    private static (string Source, TextSpan Span) Unmark(string marked)
    {
        var start = marked.IndexOf("[|", StringComparison.Ordinal);
        var end = marked.IndexOf("|]", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The source must mark the expected span with [| |].");
        var source = marked.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
