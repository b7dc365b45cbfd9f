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

    private const string InvalidUsername = "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";

    [Theory]
    [InlineData("bob smith!")]
    [InlineData("bob😀")]
    [InlineData("bob/alice")]
    public void RegisterBind_UserNameWithOtherCharacters_ReportsDjangosUsernameMessage(string username)
    {
        var errors = BindRegister(Load(UserNameModel("")), $$"""{"email":"a@example.com","nickname":"Ann","username":{{JsonSerializer.Serialize(username)}},"password":"pw"}""");

        Assert.Equal(["username"], errors.Entries.Select(e => e.Key));
        Assert.Equal([InvalidUsername], errors["username"]);
    }

    [Fact]
    public void RegisterBind_UnicodeUserName_IsAcceptedByDefault()
    {
        var errors = BindRegister(Load(UserNameModel("")), """{"email":"a@example.com","nickname":"Ann","username":"José.Ñúñez+1@home_2-3","password":"pw"}""");

        Assert.False(errors.HasErrors);
    }

    [Fact]
    public void RegisterBind_AsciiValidator_RefusesNonAsciiLetters()
    {
        var assembly = Load(UserNameModel(", UsernameValidator = DjoserUsernameValidation.Ascii"));

        Assert.Equal([InvalidUsername], BindRegister(assembly, """{"email":"a@example.com","nickname":"Ann","username":"José","password":"pw"}""")["username"]);
        Assert.False(BindRegister(assembly, """{"email":"a@example.com","nickname":"Ann","username":"jose_1","password":"pw"}""").HasErrors);
    }

    [Fact]
    public void RegisterBind_ValidatorOff_AcceptsAnyCharactersButNul()
    {
        var assembly = Load(UserNameModel(", UsernameValidator = DjoserUsernameValidation.None"));

        Assert.False(BindRegister(assembly, """{"email":"a@example.com","nickname":"Ann","username":"bob smith!","password":"pw"}""").HasErrors);
        Assert.Equal(["Null characters are not allowed."], BindRegister(assembly, """{"email":"a@example.com","nickname":"Ann","username":"bob\u0000","password":"pw"}""")["username"]);
    }

    [Fact]
    public void RegisterBind_RequiredAttributes_RequireNullableStringsInDrfOrder()
    {
        var errors = BindRegister(Load(UserNameModel("")), """{"email":null,"nickname":"  ","username":"bob"}""");

        Assert.Equal(["email", "nickname", "password"], errors.Entries.Select(e => e.Key));
        Assert.Equal(["This field may not be null."], errors["email"]);
        Assert.Equal(["This field may not be blank."], errors["nickname"]);
    }

    [Fact]
    public void RegisterBind_MinLengthAndDjoserFieldMaxLength_AreReported()
    {
        var errors = BindRegister(Load(UserNameModel("")), $$"""{"email":"{{new string('a', 250)}}@example.com","nickname":"An","username":"bob","password":"pw"}""");

        Assert.Equal(["Ensure this field has no more than 254 characters."], errors["email"]);
        Assert.Equal(["Ensure this field has at least 3 characters."], errors["nickname"]);
    }

    [Fact]
    public void SetUsernameBind_InvalidNewUserNameWithRetype_ReportsOnNewUsernameOnly()
    {
        var assembly = Load(UserNameModel(""));
        var errors = new DjoserValidationErrors();

        var request = Invoke(assembly, "Forum.MemberSetUsernameRequest", "Bind",
            Body("""{"new_username":"bob smith!","re_new_username":"bob smith!","current_password":"pw"}"""), true, errors);

        Assert.Null(request);
        Assert.Equal(["new_username"], errors.Entries.Select(e => e.Key));
        Assert.Equal([InvalidUsername], errors["new_username"]);
    }

    [Fact]
    public void SetUsernameBind_RetypeOnly_IsAPlainRequiredField()
    {
        var assembly = Load(UserNameModel(""));
        var errors = new DjoserValidationErrors();

        Invoke(assembly, "Forum.MemberSetUsernameRequest", "Bind", Body("""{"new_username":"bob","current_password":"pw"}"""), true, errors);

        Assert.Equal(["re_new_username"], errors.Entries.Select(e => e.Key));
        Assert.Equal(["This field is required."], errors["re_new_username"]);
    }

    [Fact]
    public void ModelReadUsername_AppliesTheValidator()
    {
        var assembly = Load(UserNameModel(""));
        var modelType = assembly.GetType("Forum.MemberDjoserModel", throwOnError: true)!;
        var instance = Activator.CreateInstance(modelType, nonPublic: true)!;
        var errors = new DjoserValidationErrors();

        var username = modelType.GetMethod("ReadUsername")!.Invoke(instance, [Body("""{"username":"bob smith"}"""), errors]);

        Assert.Null(username);
        Assert.Equal([InvalidUsername], errors["username"]);
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

    [Fact]
    public void UserIdField_IsTheUserObjectsId_AndWhatUsersByIdMatches()
    {
        var assembly = Load("""
            using System;
            using Djoser;
            using Microsoft.AspNetCore.Identity;

            namespace Shop;

            [DjoserUser(UsernameField = nameof(Email), UserIdField = nameof(PublicId))]
            public class Customer : IdentityUser<int>
            {
                public Guid PublicId { get; set; }
            }
            """);
        var userType = assembly.GetType("Shop.Customer")!;
        var publicId = Guid.NewGuid();
        var user = Activator.CreateInstance(userType)!;
        userType.GetProperty("PublicId")!.SetValue(user, publicId);
        userType.GetProperty("Id")!.SetValue(user, 7);
        userType.GetProperty("Email")!.SetValue(user, "ada@example.com");
        var model = Activator.CreateInstance(assembly.GetType("Shop.CustomerDjoserModel", throwOnError: true)!, nonPublic: true)!;
        var match = model.GetType().GetMethod("MatchUserId")!;

        bool Matches(string value) =>
            match.Invoke(model, [value]) is System.Linq.Expressions.LambdaExpression filter && (bool)filter.Compile().DynamicInvoke(user)!;

        Assert.True(Matches(publicId.ToString()));
        Assert.False(Matches(Guid.NewGuid().ToString()));
        Assert.False(Matches("7"));
        Assert.Null(match.Invoke(model, ["not-a-guid"]));

        var response = Invoke(assembly, "Shop.CustomerResponse", "From", user)!;
        Assert.Equal($$"""{"public_id":"{{publicId}}","email":"ada@example.com"}""", Write(response, DjoserUserShape.User));
    }

    [Fact]
    public void LoginField_NamesTheLoginBodyField_AndFiltersByIt()
    {
        var assembly = Load("""
            using Djoser;
            using Microsoft.AspNetCore.Identity;

            namespace Forum;

            [DjoserUser(RequiredFields = [nameof(Email)], LoginField = nameof(Email))]
            [DjoserField(nameof(Email), Required = true)]
            public class Member : IdentityUser
            {
            }
            """);
        var userType = assembly.GetType("Forum.Member")!;
        var user = Activator.CreateInstance(userType)!;
        userType.GetProperty("UserName")!.SetValue(user, "ada");
        userType.GetProperty("Email")!.SetValue(user, "ada@example.com");
        var model = Activator.CreateInstance(assembly.GetType("Forum.MemberDjoserModel", throwOnError: true)!, nonPublic: true)!;

        Assert.Equal("email", ((DjoserFieldInfo)model.GetType().GetProperty("LoginField")!.GetValue(model)!).JsonName);
        Assert.Equal("username", ((DjoserFieldInfo)model.GetType().GetProperty("UsernameField")!.GetValue(model)!).JsonName);
        var match = model.GetType().GetMethod("MatchLogin")!;
        bool Matches(string login) => (bool)((System.Linq.Expressions.LambdaExpression)match.Invoke(model, [login])!).Compile().DynamicInvoke(user)!;
        Assert.True(Matches("ada@example.com"));
        Assert.False(Matches("ada"));
    }

    [Fact]
    public void LoginField_Default_IsTheUsernameField_LookedUpByIdentity()
    {
        var assembly = LoadSample();
        var model = Activator.CreateInstance(assembly.GetType("Djoser.Sample.AppUserDjoserModel", throwOnError: true)!, nonPublic: true)!;
        Assert.Equal("email", ((DjoserFieldInfo)model.GetType().GetProperty("LoginField")!.GetValue(model)!).JsonName);
        Assert.Null(model.GetType().GetMethod("MatchLogin")!.Invoke(model, ["ann@example.com"]));
    }

    private static DjoserRequestBody Body(string json) => DjoserRequestBody.FromJson(JsonDocument.Parse(json).RootElement);

    private static object? Invoke(Assembly assembly, string typeName, string method, params object[] arguments) =>
        assembly.GetType(typeName, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);

    private static Assembly LoadSample() => Load(SnapshotTests.SampleSource);

    private static Assembly Load(string source, bool expectDiagnostics = false)
    {
        var run = GeneratorHarness.Run(source, expectDiagnostics);
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext("DjoserGenerated", isCollectible: true).LoadFromStream(image);
    }

    private static string UserNameModel(string usernameValidator) => $$"""
        using System.ComponentModel.DataAnnotations;
        using Djoser;
        using Microsoft.AspNetCore.Identity;

        namespace Forum;

        [DjoserUser(RequiredFields = [nameof(Email), nameof(Nickname)]{{usernameValidator}})]
        [DjoserField(nameof(Email), Required = true, MaxLength = 254)]
        public class Member : IdentityUser
        {
            [Required]
            [MinLength(3)]
            public string? Nickname { get; set; }
        }
        """;

    private static DjoserValidationErrors BindRegister(Assembly assembly, string json)
    {
        var errors = new DjoserValidationErrors();
        Invoke(assembly, "Forum.MemberRegisterRequest", "Bind", Body(json), errors);
        return errors;
    }
}
