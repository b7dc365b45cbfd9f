using System.Reflection;
using System.Text.Json.Serialization;
using Djoser.Configuration;
using Djoser.Endpoints.Layouts;
using Djoser.Endpoints.OpenApi;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Runtime.Tests;

/// <summary>
/// simplejwt's and drf-jwt's login read the model's USERNAME_FIELD, never djoser's LOGIN_FIELD, so the document
/// describes JWT login with the username field while token login keeps the login field.
/// </summary>
public sealed class JwtLoginBodyTests
{
    private static DjoserMethodDoc DocOf(DjoserUrlLayout layout, string urlName) =>
        DjoserLayouts<IdentityUser, string>.For(layout, "username").Single(row => row.UrlName == urlName).Methods.Single().Doc!;

    private static string[] JsonNames(Type type) =>
        type.GetProperties().Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name).ToArray();

    [Theory]
    [InlineData(DjoserUrlLayout.V1)]
    [InlineData(DjoserUrlLayout.V2)]
    public void JwtCreate_ReadsTheUsernameFieldAndPassword(DjoserUrlLayout layout)
    {
        Assert.Equal(DjoserBody.JwtLogin, DocOf(layout, "jwt-create").Request);
        Assert.Equal([DjoserOpenApiNames.UsernameField, "password"], JsonNames(typeof(DjoserJwtLoginRequest)));
    }

    [Theory]
    [InlineData(DjoserUrlLayout.V1, "token-create")]
    [InlineData(DjoserUrlLayout.V2, "login")]
    public void TokenLogin_StillReadsTheLoginField(DjoserUrlLayout layout, string urlName)
    {
        Assert.Equal(DjoserBody.Login, DocOf(layout, urlName).Request);
        Assert.Equal([DjoserOpenApiNames.LoginField, "password"], JsonNames(typeof(DjoserLoginRequest)));
    }
}
