namespace Djoser.Generators.Tests;

public sealed class SnapshotTests
{
    public const string SampleSource = """
        using Djoser;
        using Microsoft.AspNetCore.Identity;

        namespace Djoser.Sample;

        [DjoserUser(UsernameField = nameof(Email), RequiredFields = [nameof(FirstName), nameof(LastName)])]
        public class AppUser : IdentityUser
        {
            public string FirstName { get; set; } = "";

            public string LastName { get; set; } = "";
        }
        """;

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
}
