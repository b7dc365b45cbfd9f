using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Djoser.Generators.Tests;

/// <summary>One failing model per diagnostic id; the marked span <c>[|…|]</c> is where the diagnostic must point.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.ComponentModel.DataAnnotations;
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
    public void DJ0001_NameUnlikeAnyProperty_SuggestsNothing()
    {
        AssertDiagnostic(
            """
            [DjoserUser(UsernameField = [|"Nickname"|])]
            public class Customer : IdentityUser
            {
            }
            """,
            "DJ0001",
            DiagnosticSeverity.Error,
            "'Nickname' is not a property of 'Shop.Customer'; UsernameField must name a public string property");
    }

    [Theory]
    [InlineData("null!")]
    [InlineData("\"\"")]
    public void DJ0001_NullOrEmptyUsernameField_IsReported(string value)
    {
        AssertDiagnostic(
            $$"""
            [DjoserUser(UsernameField = [|{{value}}|])]
            public class Customer : IdentityUser
            {
            }
            """,
            "DJ0001",
            DiagnosticSeverity.Error,
            "'' is not a property of 'Shop.Customer'; UsernameField must name a public string property");
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

    [Theory]
    [InlineData("nameof(Nickname)", "Nickname")]
    [InlineData("nameof(Score)", "Score")]
    [InlineData("nameof(Secret)", "Secret")]
    [InlineData("\"Missing\"", "Missing")]
    public void DJ0019_UserIdFieldNotUsable(string argument, string name)
    {
        AssertDiagnostic(
            $$"""
            [DjoserUser(UserIdField = [|{{argument}}|])]
            public class Customer : IdentityUser
            {
                public string? Nickname { get; set; }
                public double Score { get; set; }
                internal global::System.Guid Secret { get; set; }
            }
            """,
            "DJ0019",
            DiagnosticSeverity.Error,
            $"'{name}' is not a usable id of 'Shop.Customer': UserIdField must name a public, non-nullable string, Guid, int or long property with a getter, such as Id");
    }

    [Theory]
    [InlineData("nameof(PhoneNumber)", "PhoneNumber")]
    [InlineData("nameof(Age)", "Age")]
    [InlineData("\"Missing\"", "Missing")]
    public void DJ0020_LoginFieldNotRegistered(string argument, string name)
    {
        AssertDiagnostic(
            $$"""
            [DjoserUser(RequiredFields = [nameof(Age)], LoginField = [|{{argument}}|])]
            public class Customer : IdentityUser
            {
                public int Age { get; set; }
            }
            """,
            "DJ0020",
            DiagnosticSeverity.Error,
            $"LoginField '{name}' of 'Shop.Customer' must be the UsernameField or one of RequiredFields, a string registration sets; add it to RequiredFields or leave LoginField out");
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
            "RequiredFields entry 'Nickname' of 'Shop.Customer' is a nullable string, so registration accepts it absent, null or blank; make it non-nullable or mark it [Required] to require a value",
            expectSources: true);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
    }

    [Fact]
    public void DJ0011_InheritedIdentityProperty_AdvisesDjoserField()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [[|nameof(PhoneNumber)|]])]
            public class Customer : IdentityUser
            {
            }
            """,
            "DJ0011",
            DiagnosticSeverity.Warning,
            "RequiredFields entry 'PhoneNumber' of 'Shop.Customer' is a nullable string, so registration accepts it absent, null or blank; put [DjoserField(nameof(PhoneNumber), Required = true)] on 'Customer' to require a value",
            expectSources: true);
    }

    [Theory]
    [InlineData("[DjoserUser(RequiredFields = [nameof(PhoneNumber)])]\n[DjoserField(nameof(PhoneNumber), Required = true)]", "")]
    [InlineData("[DjoserUser(RequiredFields = [nameof(Nickname)])]", "[Required]")]
    public void DJ0011_FollowingTheAdvice_SilencesIt(string classAttributes, string memberAttribute)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            {{classAttributes}}
            public class Customer : IdentityUser
            {
                {{memberAttribute}}
                public string? Nickname { get; set; }
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(5, run.Sources.Count);
    }

    [Fact]
    public void DJ0014_DjoserFieldTypo_PointsAtNameAndSuggestsProperty()
    {
        AssertDiagnostic(
            """
            [DjoserUser]
            [DjoserField([|"Emial"|], Required = true)]
            public class Customer : IdentityUser
            {
            }
            """,
            "DJ0014",
            DiagnosticSeverity.Error,
            "'Emial' in [DjoserField] is not a property of 'Shop.Customer'; [DjoserField] must name a public string property of the class or a base class (did you mean 'Email'?)");
    }

    [Fact]
    public void DJ0015_DjoserFieldMinAboveMax_PointsAtMinLength()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [nameof(Email)])]
            [DjoserField(nameof(Email), MinLength = [|10|], MaxLength = 5)]
            public class Customer : IdentityUser
            {
            }
            """,
            "DJ0015",
            DiagnosticSeverity.Error,
            "Property 'Email' of 'Shop.Customer' has MinLength 10 greater than MaxLength 5; a MaxLength must be positive, a MinLength not negative and at most the MaxLength");
    }

    [Fact]
    public void DJ0015_ZeroMaxLengthOnMember_PointsAtAttribute()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [nameof(Nickname)])]
            public class Customer : IdentityUser
            {
                [[|MaxLength(0)|]]
                public string Nickname { get; set; } = "";
            }
            """,
            "DJ0015",
            DiagnosticSeverity.Error,
            "Property 'Nickname' of 'Shop.Customer' has MaxLength 0; a MaxLength must be positive, a MinLength not negative and at most the MaxLength");
    }

    [Fact]
    public void DJ0015_MinLengthAboveDefaultBound_NamesTheDefault()
    {
        AssertDiagnostic(
            """
            [DjoserUser(UsernameField = nameof(Handle))]
            public class Customer : IdentityUser
            {
                [[|MinLength(300)|]]
                public string Handle { get; set; } = "";
            }
            """,
            "DJ0015",
            DiagnosticSeverity.Error,
            "Property 'Handle' of 'Shop.Customer' has MinLength 300 greater than the default MaxLength 256; a MaxLength must be positive, a MinLength not negative and at most the MaxLength");
    }

    [Fact]
    public void DJ0015_NegativeDjoserFieldMinLength()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [nameof(PhoneNumber)])]
            [DjoserField(nameof(PhoneNumber), Required = true, MinLength = [|-1|])]
            public class Customer : IdentityUser
            {
            }
            """,
            "DJ0015",
            DiagnosticSeverity.Error,
            "Property 'PhoneNumber' of 'Shop.Customer' has MinLength -1; a MaxLength must be positive, a MinLength not negative and at most the MaxLength");
    }

    [Fact]
    public void DJ0016_DjoserFieldOnNonString()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [nameof(AccessFailedCount)])]
            [DjoserField([|nameof(AccessFailedCount)|], Required = true)]
            public class Customer : IdentityUser
            {
            }
            """,
            "DJ0016",
            DiagnosticSeverity.Error,
            "[DjoserField] names 'AccessFailedCount' of 'Shop.Customer', which has type 'int'; its rules apply to string properties only, so remove it");
    }

    [Fact]
    public void DJ0017_DjoserFieldTwiceForOneProperty_PointsAtSecond()
    {
        AssertDiagnostic(
            """
            [DjoserUser(RequiredFields = [nameof(Email)])]
            [DjoserField(nameof(Email), Required = true)]
            [DjoserField([|nameof(Email)|], MaxLength = 254)]
            public class Customer : IdentityUser
            {
            }
            """,
            "DJ0017",
            DiagnosticSeverity.Error,
            "'Email' of 'Shop.Customer' has more than one [DjoserField]; merge them into one");
    }

    [Fact]
    public void DJ0018_DjoserFieldOnUnreadProperty_WarnsAndStillGenerates()
    {
        var run = AssertDiagnostic(
            """
            [DjoserUser]
            [DjoserField([|nameof(PhoneNumber)|], MaxLength = 20)]
            public class Customer : IdentityUser
            {
            }
            """,
            "DJ0018",
            DiagnosticSeverity.Warning,
            "[DjoserField] for 'PhoneNumber' of 'Shop.Customer' has no effect, because 'PhoneNumber' is neither the UsernameField nor in RequiredFields; add it to RequiredFields or remove the attribute",
            expectSources: true);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
    }

    [Fact]
    public void DJ0012_TwoUserClasses_ReportsEachAttributeAndGeneratesNothing()
    {
        var (user, userSpans) = Unmark(Usings + """
            [[|DjoserUser(UsernameField = nameof(Email))|]]
            public class Customer : IdentityUser
            {
            }
            """);
        var (staff, staffSpans) = Unmark(Usings + """
            [[|DjoserUser|]]
            public class Staff : IdentityUser<int>
            {
            }
            """);
        var run = GeneratorHarness.Run([user, staff], expectDiagnostics: true);

        Assert.Empty(run.Sources);
        Assert.Collection(
            run.Diagnostics.OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal),
            d => AssertIs(d, "DJ0012", DiagnosticSeverity.Error, "File1.cs", staffSpans.Single(),
                "'Shop.Staff' is marked [DjoserUser], and so is 'Shop.Customer'; a project has one djoser user model, so keep [DjoserUser] on one class and remove it from the others"),
            d => AssertIs(d, "DJ0012", DiagnosticSeverity.Error, "User.cs", userSpans.Single(),
                "'Shop.Customer' is marked [DjoserUser], and so is 'Shop.Staff'; a project has one djoser user model, so keep [DjoserUser] on one class and remove it from the others"));
    }

    [Fact]
    public void DJ0012_ThreeUserClasses_EachMessageNamesTheOthers()
    {
        var run = GeneratorHarness.Run(
            Usings + """
            [DjoserUser] public class A : IdentityUser { }
            [DjoserUser] public class B : IdentityUser { }
            [DjoserUser] public class C { }
            """,
            expectDiagnostics: true);

        Assert.Empty(run.Sources);
        var messages = run.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        // C also gets its own DJ0004: the class-level problem and the compilation-level one are independent.
        Assert.Equal(4, run.Diagnostics.Length);
        Assert.Single(run.Diagnostics, d => d.Id == "DJ0004");
        Assert.Contains("'Shop.A' is marked [DjoserUser], and so is 'Shop.B', 'Shop.C'; a project has one djoser user model, so keep [DjoserUser] on one class and remove it from the others", messages);
        Assert.Contains("'Shop.C' is marked [DjoserUser], and so is 'Shop.A', 'Shop.B'; a project has one djoser user model, so keep [DjoserUser] on one class and remove it from the others", messages);
    }

    [Fact]
    public void DJ0012_RemovingSecondClass_GeneratesAgain()
    {
        var two = GeneratorHarness.CreateCompilation(Usings + "[DjoserUser] public class A : IdentityUser { }", Usings + "[DjoserUser] public class B : IdentityUser { }");
        var driver = GeneratorHarness.CreateDriver().RunGenerators(two);
        Assert.Equal(2, driver.GetRunResult().Diagnostics.Length);

        var one = two.RemoveSyntaxTrees(two.SyntaxTrees.Last());
        var result = driver.RunGenerators(one).GetRunResult();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(5, result.GeneratedTrees.Length);
    }

    [Theory]
    [InlineData("internal class Outer { [DjoserUser] public class [|Customer|] : IdentityUser { } }", "Shop.Outer")]
    [InlineData("public class Outer<T> { [DjoserUser] public class [|Customer|] : IdentityUser { } }", "Shop.Outer<T>")]
    [InlineData("internal class Outer { public class Middle { [DjoserUser] public class [|Customer|] : IdentityUser { } } }", "Shop.Outer")]
    public void DJ0013_NestedInNonPublicOrGenericType(string declaration, string container)
    {
        var user = container == "Shop.Outer<T>" ? "Shop.Outer<T>.Customer" : declaration.Contains("Middle", StringComparison.Ordinal) ? "Shop.Outer.Middle.Customer" : "Shop.Outer.Customer";
        AssertDiagnostic(
            declaration,
            "DJ0013",
            DiagnosticSeverity.Error,
            $"'{user}' is nested in '{container}', which is not a public non-generic type; make '{container}' public and non-generic, or move 'Customer' out of it");
    }

    [Fact]
    public void PrivateClassNestedInPublicClass_IsDJ0005()
    {
        AssertDiagnostic(
            "public class Outer { [DjoserUser] private class [|Customer|] : IdentityUser { } }",
            "DJ0005",
            DiagnosticSeverity.Error,
            "'Shop.Outer.Customer' must be a public, non-abstract, non-static, non-generic class with a public parameterless constructor to be a [DjoserUser]");
    }

    [Fact]
    public void PublicClassNestedInPublicClass_GeneratesCleanCode()
    {
        var run = GeneratorHarness.Run(Usings + "public static class Accounts { [DjoserUser] public class Customer : IdentityUser { } }");

        Assert.Equal(5, run.Sources.Count);
        Assert.Contains(run.Sources, s => s.Text.Contains("global::Shop.Accounts.Customer", StringComparison.Ordinal));
    }

    [Fact]
    public void SeveralProblemsAtOnce_Snapshot()
    {
        var run = GeneratorHarness.Run(
            Usings + """
            [DjoserUser(UsernameField = nameof(Email), RequiredFields = [nameof(FirstName), "FirstName", nameof(Email), "Nickname", nameof(Website), nameof(Code), "LastNmae"])]
            public class Customer : IdentityUser
            {
                public string FirstName { get; set; } = "";

                public string? Nickname { get; set; }

                public Uri? Website { get; set; }

                public int Code { get; init; }

                public string LastName { get; set; } = "";
            }
            """,
            expectDiagnostics: true);

        Assert.Empty(run.Sources);
        Assert.Equal(["DJ0002", "DJ0003", "DJ0006", "DJ0008", "DJ0009", "DJ0011"], run.Diagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal));
        Snapshot.VerifyDiagnostics(run);
    }

    [Fact]
    public void FieldRuleProblemsAtOnce_Snapshot()
    {
        var run = GeneratorHarness.Run(
            Usings + """
            [DjoserUser(RequiredFields = [nameof(Email), nameof(Nickname), nameof(Motto), nameof(Bio)])]
            [DjoserField("Emial", Required = true)]
            [DjoserField(nameof(Email), MinLength = 10, MaxLength = 5)]
            [DjoserField(nameof(AccessFailedCount), Required = true)]
            [DjoserField(nameof(Nickname), MaxLength = 20)]
            [DjoserField(nameof(Nickname), MinLength = 2)]
            [DjoserField(nameof(PhoneNumber), MaxLength = 20)]
            public class Customer : IdentityUser
            {
                [StringLength(0)]
                public string Nickname { get; set; } = "";

                [MinLength(-3)]
                public string Motto { get; set; } = "";

                [MinLength(300)]
                public string? Bio { get; set; }
            }
            """,
            expectDiagnostics: true);

        Assert.Empty(run.Sources);
        Assert.Equal(["DJ0014", "DJ0015", "DJ0016", "DJ0017", "DJ0018"], run.Diagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal));
        Snapshot.VerifyDiagnostics(run);
    }

    [Fact]
    public void EveryDescriptor_HasDocumentationSection()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "diagnostics.md"));
        foreach (var descriptor in Descriptors())
        {
            var anchor = $"<a id=\"{descriptor.Id.ToLowerInvariant()}\"></a>";
            var index = docs.IndexOf(anchor, StringComparison.Ordinal);
            Assert.True(index >= 0, $"docs/diagnostics.md has no {anchor} for {descriptor.Id}.");

            // The anchor is followed by the section heading: "## DJ0001: Title", the descriptor's title verbatim.
            var heading = docs[(index + anchor.Length)..].TrimStart().Split('\n')[0].TrimEnd();
            Assert.Equal($"## {descriptor.Id}: {descriptor.Title}", heading);
        }
    }

    [Fact]
    public void EveryDescriptor_HasHelpLinkAndTrackedRelease()
    {
        var descriptors = Descriptors();
        var unshipped = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Djoser.Generators", "AnalyzerReleases.Unshipped.md"));

        Assert.Equal(20, descriptors.Count);
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        foreach (var descriptor in descriptors)
        {
            Assert.Equal("https://github.com/djoser-gen/djoser-gen/blob/main/docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped, StringComparison.Ordinal);
        }
    }

    private static List<DiagnosticDescriptor> Descriptors() =>
        typeof(Djoser.Generators.Diagnostics.DiagnosticDescriptors)
            .GetFields()
            .Select(f => f.GetValue(null))
            .OfType<DiagnosticDescriptor>()
            .ToList();

    /// <summary>The directory holding Djoser.Gen.sln, walking up from this source file.</summary>
    internal static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "")
    {
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(file)!); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Djoser.Gen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Djoser.Gen.sln not found above " + file);
    }

    private static void AssertIs(Diagnostic diagnostic, string id, DiagnosticSeverity severity, string file, TextSpan span, string message)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Equal(file, diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Exactly one diagnostic: this id, severity, message and span; no generated files unless told.</summary>
    private static GeneratorRun AssertDiagnostic(string markedSource, string id, DiagnosticSeverity severity, string message, bool expectSources = false)
    {
        var (source, spans) = Unmark(Usings + markedSource);
        var run = GeneratorHarness.Run(source, expectDiagnostics: true);

        var diagnostic = Assert.Single(run.Diagnostics);
        AssertIs(diagnostic, id, severity, "User.cs", Assert.Single(spans), message);
        Assert.Equal(expectSources, run.Sources.Count > 0);
        return run;
    }

    /// <summary>Removes every <c>[|…|]</c> marker; returns the source and the marked spans in order.</summary>
    private static (string Source, List<TextSpan> Spans) Unmark(string marked)
    {
        var spans = new List<TextSpan>();
        while (true)
        {
            var start = marked.IndexOf("[|", StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var end = marked.IndexOf("|]", start, StringComparison.Ordinal);
            Assert.True(end > start, "Unbalanced [| |] marker.");
            marked = marked.Remove(end, 2).Remove(start, 2);
            spans.Add(TextSpan.FromBounds(start, end - 2));
        }

        Assert.True(spans.Count > 0, "The source must mark the expected span with [| |].");
        return (marked, spans);
    }
}
