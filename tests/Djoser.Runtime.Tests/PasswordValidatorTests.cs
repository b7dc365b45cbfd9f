using System.Text;
using Djoser.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

public sealed class PasswordValidatorTests : IDisposable
{
    private const string Similar = "The password is too similar to the {0}.";
    private const string Short = "This password is too short. It must contain at least 8 characters.";
    private const string Common = "This password is too common.";
    private const string Numeric = "This password is entirely numeric.";

    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    private async Task<List<IdentityError>> ValidateAsync(string password, string userName = "ann", string email = "ann@example.com", TestHost? host = null)
    {
        await using var scope = (host ?? _host).Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = userName, Email = email };
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        return errors;
    }

    [Fact]
    public async Task Validators_are_Djangos_four_in_Djangos_order_without_Identitys_default()
    {
        await using var scope = _host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Equal(
            ["DjoserUserAttributeSimilarityValidator`1", "DjoserMinimumLengthValidator`1", "DjoserCommonPasswordValidator`1", "DjoserNumericPasswordValidator`1"],
            users.PasswordValidators.Select(v => v.GetType().Name));
    }

    [Fact]
    public async Task Good_password_passes()
    {
        Assert.Empty(await ValidateAsync("correct horse battery staple"));
        Assert.Empty(await ValidateAsync("s3cret-Pa55word"));
    }

    [Fact]
    public async Task Too_short()
    {
        var error = Assert.Single(await ValidateAsync("xK9#qv"));
        Assert.Equal(Short, error.Description);
        Assert.Equal("password_too_short", error.Code);
    }

    [Fact]
    public async Task Too_common_lower_cased_and_trimmed()
    {
        foreach (var password in new[] { "password", "  PassWord  ", "qwertyuiop" })
        {
            var error = Assert.Single(await ValidateAsync(password));
            Assert.Equal(Common, error.Description);
            Assert.Equal("password_too_common", error.Code);
        }
    }

    [Fact]
    public async Task Entirely_numeric()
    {
        var error = Assert.Single(await ValidateAsync("90817263545"));
        Assert.Equal(Numeric, error.Description);
        Assert.Equal("password_entirely_numeric", error.Code);
    }

    [Fact]
    public async Task Too_similar_to_the_email_address_local_part()
    {
        var error = Assert.Single(await ValidateAsync("johnsmith1", userName: "ann", email: "johnsmith@example.com"));
        Assert.Equal(string.Format(Similar, "email address"), error.Description);
        Assert.Equal("password_too_similar", error.Code);
    }

    [Fact]
    public async Task Too_similar_to_a_part_of_the_email_address()
    {
        var error = Assert.Single(await ValidateAsync("AnnExample"));
        Assert.Equal(string.Format(Similar, "email address"), error.Description);
    }

    [Fact]
    public async Task Too_similar_to_the_username_comes_first()
    {
        var error = Assert.Single(await ValidateAsync("Annabelle-77", userName: "annabelle77", email: "annabelle77@example.com"));
        Assert.Equal(string.Format(Similar, "username"), error.Description);
    }

    [Fact]
    public async Task All_failures_in_Djangos_order()
    {
        Assert.Equal(
            [string.Format(Similar, "username"), Short, Common, Numeric],
            (await ValidateAsync("1234567", userName: "1234567")).Select(e => e.Description));
        Assert.Equal(
            [Short, Common, Numeric],
            (await ValidateAsync("12345")).Select(e => e.Description));
        Assert.Equal(
            ["password_too_short", "password_too_common", "password_entirely_numeric"],
            (await ValidateAsync("12345")).Select(e => e.Code));
    }

    [Fact]
    public async Task Much_longer_password_is_not_too_similar_to_a_short_value()
    {
        // The control: the same one-letter username is compared with a short password (so the validator is there and runs).
        Assert.Contains(string.Format(Similar, "username"), (await ValidateAsync("a", userName: "a")).Select(e => e.Description));

        // Django's exceeds_maximum_length_ratio: 10x longer than the value never matches "a".
        Assert.Empty(await ValidateAsync("a-long-passphrase-with-many-words-aaaa", userName: "a", email: "ann@example.com"));
    }

    [Theory]
    [InlineData(10, 0.7, 1, true)]
    [InlineData(9, 0.7, 1, false)]
    [InlineData(100, 0.7, 10, true)]
    [InlineData(99, 0.7, 10, false)]
    [InlineData(10, 0.1, 1, false)] // 1 < 0.1 / 2 * 10 is false: a low threshold keeps the comparison
    [InlineData(21, 0.1, 1, true)]
    [InlineData(20, 0.1, 1, false)]
    public void ExceedsMaximumLengthRatio_is_Djangos(int passwordLength, double maxSimilarity, int valueLength, bool expected)
    {
        Assert.Equal(expected, DjoserUserAttributeSimilarityValidator<IdentityUser>.ExceedsMaximumLengthRatio(passwordLength, maxSimilarity, valueLength));
    }

    [Fact]
    public async Task Minimum_length_is_configurable()
    {
        using var host = new TestHost(settings: new() { ["Djoser:Password:MinimumLength"] = "12" });
        var error = Assert.Single(await ValidateAsync("xK9#qvLm2!", host: host));
        Assert.Equal("This password is too short. It must contain at least 12 characters.", error.Description);
    }

    [Fact]
    public async Task Identity_accepts_a_Django_valid_password_without_upper_case_or_symbols()
    {
        await using var scope = _host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var result = await users.CreateAsync(new IdentityUser { UserName = "zoë smith@example.com", Email = "zoe@example.com" }, "correcthorsebattery");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task Identity_reports_the_validator_messages_on_create()
    {
        await using var scope = _host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var result = await users.CreateAsync(new IdentityUser { UserName = "bob", Email = "bob@example.com" }, "12345");
        Assert.Equal([Short, Common, Numeric], result.Errors.Select(e => e.Description));
    }

    [Theory]
    [InlineData("A", "AAAAAAAAAA", 0.18181818181818182)]
    [InlineData("johnsmith1", "johnsmith", 0.9473684210526315)]
    [InlineData("annexample", "ann@example.com", 0.8)]
    [InlineData("abc", "xyz", 0.0)]
    [InlineData("aab", "abb", 0.6666666666666666)]
    [InlineData("", "", 1.0)]
    public void QuickRatio_matches_difflib(string a, string b, double expected)
    {
        Assert.Equal(expected, DjoserSequenceMatcher.QuickRatio(DjoserPasswordErrors.CodePoints(a), DjoserPasswordErrors.CodePoints(b)), 12);
    }

    [Fact]
    public void Common_list_is_Djangos()
    {
        Assert.Equal(19727, CommonPasswords.Count); // Python: len({x.strip() for x in gzip.open(...)})
        Assert.True(CommonPasswords.Contains("password"));
        Assert.False(CommonPasswords.Contains("correct horse battery staple"));
    }

    [Theory]
    [InlineData("apple\nmango\nzebra")]
    [InlineData("apple\nmango\nzebra\n")]
    public void Common_list_finds_every_entry_and_nothing_between(string text)
    {
        var list = CommonPasswordList.FromSorted(Encoding.ASCII.GetBytes(text));
        Assert.Equal(3, list.Count);
        Assert.All(new[] { "apple", "mango", "zebra" }, entry => Assert.True(list.Contains(entry), entry));
        Assert.All(new[] { "", "a", "appl", "apples", " apple", "Apple", "b", "mang", "mangoes", "n", "zebr", "zebras", "zzz", "äpple", "apple\nmango" },
            other => Assert.False(list.Contains(other), other));
    }

    [Theory]
    [InlineData("p\u00e4sswort")]
    [InlineData("mango\napple")]
    [InlineData("apple\napple")]
    [InlineData("apple\n\nmango")]
    [InlineData(" apple\nmango")]
    [InlineData("apple\r\nmango")]
    public void Common_list_refuses_text_it_cannot_bisect(string text)
    {
        Assert.Throws<InvalidOperationException>(() => CommonPasswordList.FromSorted(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Common_list_holds_exactly_the_passwords_of_Djangos_file()
    {
        // Django's own file, as Django ships it: CommonPasswordValidator reads {x.strip() for x in f}.
        using var resource = typeof(PasswordValidatorTests).Assembly.GetManifestResourceStream("Djoser.Runtime.Tests.django-common-passwords.txt.gz")!;
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(resource, System.IO.Compression.CompressionMode.Decompress));
        var django = reader.ReadToEnd().Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToHashSet(StringComparer.Ordinal);

        // Every one of Django's passwords is found, and the list holds no more than those.
        Assert.Equal(django.Count, CommonPasswords.Count);
        Assert.All(django, entry => Assert.True(CommonPasswords.Contains(entry), entry));

        // Near misses, in and between the entries, are found only when they are Django's too.
        var nearMisses = django.SelectMany(entry => new[] { entry[..^1], entry + "0", entry + "~" }).Where(other => other.Length > 0);
        Assert.All(nearMisses, other => Assert.Equal(django.Contains(other.ToLowerInvariant().Trim()), CommonPasswords.Contains(other)));
    }

    [Theory]
    [InlineData("12345678", true)]
    [InlineData("١٢٣٤٥٦٧٨", true)]
    [InlineData("1234567a", false)]
    [InlineData("", false)]
    public void Numeric_is_Pythons_isdigit(string password, bool expected)
    {
        Assert.Equal(expected, DjoserNumericPasswordValidator<IdentityUser>.IsEntirelyNumeric(password));
    }
}
