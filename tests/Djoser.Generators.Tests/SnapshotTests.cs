namespace Djoser.Generators.Tests;

public sealed class SnapshotTests
{
    /// <summary>The sample's own user model, read from samples/Djoser.Sample (not a copy, so the snapshot follows it).</summary>
    public static readonly string SampleSource = File.ReadAllText(Path.Combine(DiagnosticTests.RepoRoot(), "samples", "Djoser.Sample", "AppUser.cs"));

    [Fact]
    public void SampleModel()
    {
        var run = GeneratorHarness.Run(SampleSource);

        Assert.Equal(
            [
                "Djoser.AppUser.Model.g.cs",
                "Djoser.AppUser.RegisterRequest.g.cs",
                "Djoser.AppUser.Response.g.cs",
                "Djoser.AppUser.SetUsernameRequest.g.cs",
                "Djoser.AppUser.UpdateRequest.g.cs",
            ],
            run.Sources.Select(s => s.HintName));
        Snapshot.Verify(run);
    }

    [Fact]
    public void IntKeyWithValueMembers()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using System.ComponentModel.DataAnnotations;
            using System.Text.Json.Serialization;
            using Djoser;
            using Microsoft.AspNetCore.Identity;

            namespace Shop.Members;

            public enum Plan
            {
                Free,
                ProMonthly,
            }

            [DjoserUser(RequiredFields = [nameof(DisplayName), nameof(BackupAddress), nameof(Plan), nameof(BirthDate), nameof(Newsletter), nameof(Balance), nameof(Age), nameof(ExternalId), nameof(LastSeen)])]
            public class Member : IdentityUser<int>
            {
                [MaxLength(30)]
                public string DisplayName { get; set; } = "";

                [EmailAddress]
                [JsonPropertyName("backup_email")]
                public string BackupAddress { get; set; } = "";

                public Plan Plan { get; set; }

                public DateOnly BirthDate { get; set; }

                public bool Newsletter { get; set; }

                public decimal Balance { get; set; }

                public int? Age { get; set; }

                public Guid? ExternalId { get; set; }

                public DateTimeOffset? LastSeen { get; set; }
            }
            """);

        Snapshot.Verify(run);
    }

    [Fact]
    public void InheritedMembersGuidKeyGlobalNamespace()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using Djoser;
            using Microsoft.AspNetCore.Identity;

            public class BaseUser : IdentityUser<Guid>
            {
                public string Department { get; set; } = "";

                public long EmployeeNumber { get; set; }
            }

            [DjoserUser(UsernameField = "Email", RequiredFields = new[] { "Department", "EmployeeNumber", "PhoneNumber" })]
            public class StaffUser : BaseUser
            {
            }
            """, expectDiagnostics: true);

        // PhoneNumber is Identity's string? property: accepted with a DJ0011 warning, and the output still compiles.
        var warning = Assert.Single(run.Diagnostics);
        Assert.Equal("DJ0011", warning.Id);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
        Snapshot.Verify(run);
    }

    [Fact]
    public void LongKeyCustomUsernameFieldWithDates()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using System.Text.Json.Serialization;
            using Djoser;
            using Microsoft.AspNetCore.Identity;

            namespace Arcade;

            public enum Rank
            {
                Bronze,
                Silver,
                Gold,
            }

            [DjoserUser(UsernameField = nameof(Handle), RequiredFields = [nameof(JoinedAt), nameof(LastMatch), nameof(Score), nameof(Level), nameof(Rank), nameof(Retired)])]
            public class Player : IdentityUser<long>
            {
                [JsonPropertyName("nick")]
                public string Handle { get; set; } = "";

                public DateTime JoinedAt { get; set; }

                public DateTimeOffset LastMatch { get; set; }

                public double Score { get; set; }

                public short? Level { get; set; }

                public Rank? Rank { get; set; }

                public bool Retired { get; set; }
            }
            """);

        Snapshot.Verify(run);
    }

    [Fact]
    public void UserNameUsernameFieldEmptyRequiredFields()
    {
        var run = GeneratorHarness.Run("""
            using Djoser;
            using Microsoft.AspNetCore.Identity;

            namespace Forum;

            [DjoserUser(UsernameField = nameof(UserName), RequiredFields = [])]
            public class Poster : IdentityUser
            {
                public string Signature { get; set; } = "";
            }
            """);

        Assert.Equal(5, run.Sources.Count);
        Snapshot.Verify(run);
    }

    /// <summary>
    /// Every validation attribute the generator honours: [DjoserField] on inherited Identity properties, [Required]
    /// on a string?, [MinLength]/[MaxLength], [StringLength] with a minimum, a [DjoserField] overriding a member's
    /// length, the default bound, [EmailAddress] with [JsonPropertyName], and the ASCII username validator.
    /// </summary>
    public const string ValidationSource = """
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;
        using Djoser;
        using Microsoft.AspNetCore.Identity;

        namespace Library.Accounts;

        [DjoserUser(
            RequiredFields = [nameof(Email), nameof(PhoneNumber), nameof(Nickname), nameof(Motto), nameof(Bio), nameof(Contact), nameof(Code)],
            UsernameValidator = DjoserUsernameValidation.Ascii)]
        [DjoserField(nameof(Email), Required = true, MaxLength = 254)]
        [DjoserField(nameof(PhoneNumber), MinLength = 6, MaxLength = 20)]
        [DjoserField(nameof(Code), MaxLength = 8)]
        public class Reader : IdentityUser
        {
            [MinLength(3)]
            [MaxLength(30)]
            public string Nickname { get; set; } = "";

            [StringLength(80, MinimumLength = 2)]
            public string Motto { get; set; } = "";

            [Required]
            public string? Bio { get; set; }

            [EmailAddress]
            [JsonPropertyName("contact_email")]
            public string? Contact { get; set; }

            [MaxLength(4)]
            public string Code { get; set; } = "";
        }
        """;

    [Fact]
    public void EveryValidationAttribute()
    {
        var run = GeneratorHarness.Run(ValidationSource, expectDiagnostics: true);

        // Only the two fields left optional on purpose warn; [Required] and [DjoserField(Required = true)] silence DJ0011.
        Assert.Equal(
            ["DJ0011 PhoneNumber", "DJ0011 Contact"],
            run.Diagnostics.Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1]));
        Assert.Equal(5, run.Sources.Count);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
        Snapshot.Verify(run);
    }
}
