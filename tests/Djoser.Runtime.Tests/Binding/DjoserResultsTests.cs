using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using static Djoser.Runtime.Tests.Binding.BindingTestSupport;

namespace Djoser.Runtime.Tests.Binding;

public sealed class DjoserResultsTests
{
    [Fact]
    public async Task ValidationFailed_Errors_Returns400WithFieldObject()
    {
        var errors = new DjoserValidationErrors();
        errors.Add("username", DjoserMessages.Required);

        var (status, body, response) = await ExecuteAsync(DjoserResults.ValidationFailed(errors));

        Assert.Equal(400, status);
        Assert.Equal("""{"username":["This field is required."]}""", body);
        Assert.Equal("application/json", response.ContentType);
    }

    [Fact]
    public async Task FieldError_OneMessage_Returns400WithThatField()
    {
        var (status, body, _) = await ExecuteAsync(DjoserResults.FieldError("current_password", "Invalid password."));

        Assert.Equal(400, status);
        Assert.Equal("""{"current_password":["Invalid password."]}""", body);
    }

    [Fact]
    public async Task NonFieldError_Message_Returns400UnderNonFieldErrors()
    {
        var (status, body, _) = await ExecuteAsync(DjoserResults.NonFieldError("Unable to login with provided credentials."));

        Assert.Equal(400, status);
        Assert.Equal("""{"non_field_errors":["Unable to login with provided credentials."]}""", body);
    }

    [Fact]
    public async Task Detail_WithWwwAuthenticate_SetsStatusBodyAndHeader()
    {
        var (status, body, response) = await ExecuteAsync(DjoserResults.Detail(401, DjoserMessages.NotAuthenticated, "Token"));

        Assert.Equal(401, status);
        Assert.Equal("""{"detail":"Authentication credentials were not provided."}""", body);
        Assert.Equal("Token", response.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task Detail_WithoutWwwAuthenticate_SendsNoHeader()
    {
        var (status, body, response) = await ExecuteAsync(DjoserResults.Detail(404, DjoserMessages.NotFound));

        Assert.Equal(404, status);
        Assert.Equal("""{"detail":"Not found."}""", body);
        Assert.False(response.Headers.ContainsKey("WWW-Authenticate"));
    }

    [Fact]
    public async Task BareList_Message_Returns400WithTopLevelArray()
    {
        var (status, body, _) = await ExecuteAsync(DjoserResults.BareList("Unable to create account."));

        Assert.Equal(400, status);
        Assert.Equal("""["Unable to create account."]""", body);
    }

    [Fact]
    public async Task Json_Writer_ReturnsStatusAndWrittenBody()
    {
        var (status, body, _) = await ExecuteAsync(DjoserResults.Json(201, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("email", "ann@example.com");
            writer.WriteNumber("id", 1);
            writer.WriteEndObject();
        }));

        Assert.Equal(201, status);
        Assert.Equal("""{"email":"ann@example.com","id":1}""", body);
    }

    [Fact]
    public async Task NoContent_Always_Returns204WithEmptyBody()
    {
        var (status, body, _) = await ExecuteAsync(DjoserResults.NoContent());

        Assert.Equal(204, status);
        Assert.Empty(body);
    }

    [Fact]
    public void Detail_StatusCode_IsExposedForEndpointFilters()
    {
        var result = Assert.IsAssignableFrom<IStatusCodeHttpResult>(DjoserResults.Detail(403, "x"));
        Assert.Equal(403, result.StatusCode);
    }
}
