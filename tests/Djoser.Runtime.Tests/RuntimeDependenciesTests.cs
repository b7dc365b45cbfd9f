using Djoser.Configuration;

namespace Djoser.Runtime.Tests;

/// <summary>
/// What every djoser application carries. The OpenAPI description is a package of its own (Djoser.Gen.OpenApi), so an
/// application that has no document loads neither OpenAPI's assemblies nor MVC's: with Microsoft.AspNetCore.OpenApi a
/// dependency of the runtime, the SDK wrote MVC application-part attributes into every application (MVC's core was
/// loaded at each start) and OpenAPI's XML-comment generator ran in it (issue 13).
/// </summary>
public sealed class RuntimeDependenciesTests
{
    [Theory]
    [InlineData("Microsoft.AspNetCore.OpenApi")]
    [InlineData("Microsoft.OpenApi")]
    [InlineData("Microsoft.AspNetCore.Mvc.Core")]
    [InlineData("Microsoft.AspNetCore.Mvc.Abstractions")]
    [InlineData("Microsoft.AspNetCore.Mvc.ApiExplorer")]
    public void Runtime_references_no_OpenApi_or_Mvc_assembly(string assembly)
    {
        var references = typeof(DjoserOptions).Assembly.GetReferencedAssemblies().Select(name => name.Name).ToList();

        Assert.Contains("Microsoft.Extensions.Identity.Core", references); // the list is the runtime's own
        Assert.DoesNotContain(assembly, references);
    }

    [Fact]
    public void The_OpenApi_description_lives_in_its_own_assembly()
    {
        var extensions = typeof(DjoserOpenApiOptionsExtensions).Assembly;

        Assert.Equal("Djoser.Runtime.OpenApi", extensions.GetName().Name);
        Assert.Contains("Microsoft.AspNetCore.OpenApi", extensions.GetReferencedAssemblies().Select(name => name.Name));
    }
}
