using System.Net;
using System.Text;

namespace Djoser.IntegrationTests.Fuzzing;

/// <summary>
/// A NUL in a urlencoded or multipart field is the field's own DRF error ("Null characters are not allowed."), as in JSON.
/// ASP.NET's urlencoded reader refused the whole body instead (400 "Form parse error - The form value contains invalid
/// characters."); djoser now reads it as Django's QueryDict does.
/// </summary>
public sealed class FormNullCharacterTests(DjoserApp app) : DjoserTestBase(app), IClassFixture<DjoserApp>
{
    [Theory]
    [InlineData("email=%00")]
    [InlineData("email=ann%00%40example.com")]
    [InlineData("email=ann%40example.com&email=%00")]
    public async Task PasswordReset_UrlEncodedNul_IsTheFieldsErrorAsInJson(string form)
    {
        // QueryDict answers the last of repeated fields, as the JSON twin's only one.
        var email = Uri.UnescapeDataString(form.Split('&')[^1]["email=".Length..]);

        var fromForm = await Client.SendRawAsync(HttpMethod.Post, Paths.ResetPassword, form, "application/x-www-form-urlencoded");
        var fromJson = await Client.PostJsonAsync(Paths.ResetPassword, new { email });

        Assert.Equal(HttpStatusCode.BadRequest, fromForm.Status);
        Assert.Contains("Null characters are not allowed.", fromForm.Json!["email"]!.AsArray().Select(error => error!.GetValue<string>()));
        Assert.Equal(fromJson.Body, fromForm.Body);
    }

    [Fact]
    public async Task Register_MultipartNul_IsTheFieldsErrorAsInJson()
    {
        var multipart = new MultipartFormDataContent("b");
        multipart.Add(new StringContent("ann@example.com", Encoding.UTF8), "email");
        multipart.Add(new StringContent(Password, Encoding.UTF8), "password");
        multipart.Add(new StringContent("A\0nn", Encoding.UTF8), "first_name");

        var fromForm = await Client.SendAsync(HttpMethod.Post, Paths.Register, multipart, null);
        var fromJson = await Client.PostJsonAsync(Paths.Register, new { email = "ann@example.com", password = Password, first_name = "A\0nn" });

        fromForm.Is(HttpStatusCode.BadRequest, """{"first_name": ["Null characters are not allowed."], "last_name": ["This field is required."]}""");
        Assert.Equal(fromJson.Body, fromForm.Body);
    }
}
