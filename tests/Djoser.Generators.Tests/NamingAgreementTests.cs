using Djoser.Binding;
using Djoser.Generators.Parsing;

namespace Djoser.Generators.Tests;

/// <summary>
/// The generator (netstandard2.0, no runtime reference) and the runtime each carry the snake_case rule; the JSON
/// names written at compile time and the enum names read at run time must never drift apart.
/// </summary>
public sealed class NamingAgreementTests
{
    [Theory]
    [InlineData("FirstName")]
    [InlineData("HTTPCode")]
    [InlineData("Address2")]
    [InlineData("UserName")]
    [InlineData("ID")]
    [InlineData("already_snake")]
    [InlineData("X")]
    [InlineData("IOStream2Go")]
    [InlineData("ÉtatCivil")]
    public void SnakeCase_GeneratorAndRuntimeAgree(string name)
    {
        Assert.Equal(DjoserNaming.ToSnakeCase(name), JsonNaming.ToSnakeCase(name));
    }
}
