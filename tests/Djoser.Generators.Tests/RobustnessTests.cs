namespace Djoser.Generators.Tests;

/// <summary>Half-typed and odd code must never crash the generator (no CS8785/AD0001).</summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("[DjoserUser(UsernameField = nameof(, RequiredFields = [nameof(FirstName)\npublic class AppUser : IdentityUser { public string FirstName { get; set")]
    [InlineData("[DjoserUser(UsernameField = nameof(Emial))]\npublic class AppUser : IdentityUser { }")]
    [InlineData("[DjoserUser(UsernameField = null!)]\npublic class AppUser : IdentityUser { }")]
    [InlineData("[DjoserUser(RequiredFields = null!)]\npublic class AppUser : IdentityUser { }")]
    [InlineData("[DjoserUser(RequiredFields = [null!, \"\"])]\npublic class AppUser : IdentityUser { }")]
    [InlineData("[DjoserUser(RequiredFields = [.. Names])]\npublic class AppUser : IdentityUser { public const string Names = \"x\"; }")]
    [InlineData("[DjoserUser(UsernameField = 42)]\npublic class AppUser : IdentityUser { }")]
    [InlineData("[DjoserUser]\npublic class AppUser : MissingBase { }")]
    [InlineData("[DjoserUser]\npublic class AppUser : IdentityUser<MissingKey> { }")]
    [InlineData("[DjoserUser(RequiredFields = [\"Thing\"])]\npublic class AppUser : IdentityUser { public Missing Thing { get; set; } }")]
    [InlineData("[DjoserUser]\npublic partial class AppUser : IdentityUser { }\npublic partial class AppUser { public string X { get; set; } = \"\"; }")]
    [InlineData("[DjoserUser]\npublic static class AppUser { }")]
    [InlineData("[DjoserUser]\npublic record AppUser : IdentityUser { }")]
    [InlineData("[DjoserUser]\npublic class AppUser : IdentityUser { public new int UserName { get; set; } }")]
    [InlineData("[DjoserUser(")]
    [InlineData("public class Outer { [DjoserUser] public class AppUser : IdentityUser { } }")]
    [InlineData("[DjoserUser]\npublic partial class AppUser : IdentityUser { }\n[DjoserUser]\npublic partial class AppUser { }")]
    [InlineData("[DjoserUser]\npublic class AppUser : IdentityUser { }\nnamespace Inner { [DjoserUser] public class AppUser : Microsoft.AspNetCore.Identity.IdentityUser { } }")]
    public void MalformedCode_NeverCrashes(string declaration)
    {
        var source = "using Djoser;\nusing Microsoft.AspNetCore.Identity;\n\nnamespace Shop;\n\n" + declaration;
        GeneratorHarness.Run(source, expectDiagnostics: true);
    }
}
