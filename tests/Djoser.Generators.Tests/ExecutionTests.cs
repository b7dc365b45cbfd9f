using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using Djoser.Binding;
using Djoser.Errors;
using Djoser.Model;

namespace Djoser.Generators.Tests;

/// <summary>The generated code is compiled, loaded and called.</summary>
public sealed class ExecutionTests
{
    [Fact]
    public void RegisterBind_EmptyBody_ReportsEveryRequiredFieldInDrfFieldOrder()
    {
        var assembly = LoadSample();
        var errors = new DjoserValidationErrors();

        var request = Invoke(assembly, "Djoser.Sample.AppUserRegisterRequest", "Bind", Body("{}"), errors);

        Assert.Null(request);
        Assert.Equal(
            ["first_name", "last_name", "email", "password"],
            errors.Entries.Select(e => e.Key));
        Assert.All(errors.Entries, e => Assert.Equal(["This field is required."], e.Value));
    }

    [Fact]
    public void RegisterBind_ValidBody_CreatesUserWithUserNameEqualToEmail()
    {
        var assembly = LoadSample();
        var errors = new DjoserValidationErrors();

        var request = Invoke(assembly, "Djoser.Sample.AppUserRegisterRequest", "Bind",
            Body("""{"email":" Ada@EXAMPLE.com ","first_name":"Ada","last_name":"Lovelace","password":"s3cret!"}"""), errors);

        Assert.False(errors.HasErrors);
        var user = request!.GetType().GetMethod("CreateUser")!.Invoke(request, null)!;
        Assert.Equal("Ada@example.com", user.GetType().GetProperty("Email")!.GetValue(user));
        Assert.Equal("Ada@example.com", user.GetType().GetProperty("UserName")!.GetValue(user));
        Assert.Equal("Lovelace", user.GetType().GetProperty("LastName")!.GetValue(user));
    }

    [Fact]
    public void Response_WritesKeysInShapeOrder()
    {
        var assembly = LoadSample();
        var userType = assembly.GetType("Djoser.Sample.AppUser")!;
        var user = Activator.CreateInstance(userType)!;
        userType.GetProperty("Id")!.SetValue(user, "42");
        userType.GetProperty("Email")!.SetValue(user, "ada@example.com");
        userType.GetProperty("FirstName")!.SetValue(user, "Ada");
        userType.GetProperty("LastName")!.SetValue(user, "Lovelace");
        var response = Invoke(assembly, "Djoser.Sample.AppUserResponse", "From", user)!;

        Assert.Equal("""{"first_name":"Ada","last_name":"Lovelace","id":"42","email":"ada@example.com"}""", Write(response, DjoserUserShape.User));
        Assert.Equal("""{"first_name":"Ada","last_name":"Lovelace","email":"ada@example.com","id":"42"}""", Write(response, DjoserUserShape.Created));
    }

    private static string Write(object response, DjoserUserShape shape)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            response.GetType().GetMethod("WriteTo")!.Invoke(response, [writer, shape]);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static DjoserRequestBody Body(string json) => DjoserRequestBody.FromJson(JsonDocument.Parse(json).RootElement);

    private static object? Invoke(Assembly assembly, string typeName, string method, params object[] arguments) =>
        assembly.GetType(typeName, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);

    private static Assembly LoadSample()
    {
        var run = GeneratorHarness.Run(SnapshotTests.SampleSource);
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext("DjoserGeneratedSample", isCollectible: true).LoadFromStream(image);
    }
}
