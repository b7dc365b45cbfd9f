using Djoser.Binding;

namespace Djoser.Runtime.Tests.Binding;

public sealed class DjoserNamingTests
{
    [Theory]
    [InlineData("FirstName", "first_name")]
    [InlineData("HTTPCode", "http_code")]
    [InlineData("Address2", "address2")]
    [InlineData("UserName", "user_name")]
    [InlineData("ID", "id")]
    [InlineData("Id", "id")]
    [InlineData("Email", "email")]
    [InlineData("first_name", "first_name")]
    [InlineData("IsStaff", "is_staff")]
    [InlineData("Address2Line", "address2_line")]
    [InlineData("MyURL", "my_url")]
    [InlineData("URLValue", "url_value")]
    [InlineData("DateOfBirth", "date_of_birth")]
    [InlineData("A", "a")]
    [InlineData("", "")]
    public void ToSnakeCase_PascalCaseName_ReturnsSnakeCase(string name, string expected) =>
        Assert.Equal(expected, DjoserNaming.ToSnakeCase(name));
}
