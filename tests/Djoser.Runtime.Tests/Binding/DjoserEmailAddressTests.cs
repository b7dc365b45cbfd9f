using Djoser.Binding;

namespace Djoser.Runtime.Tests.Binding;

/// <summary>Cases from Django's own validator tests (tests/validators/tests.py).</summary>
public sealed class DjoserEmailAddressTests
{
    public static TheoryData<string> ValidAddresses => new()
    {
        "email@here.com",
        "weirder-email@here.and.there.com",
        "email@[127.0.0.1]",
        "email@[2001:dB8::1]",
        "email@[2001:dB8:0:0:0:0:0:1]",
        "email@[::fffF:127.0.0.1]",
        "example@valid-----hyphens.com",
        "example@valid-with-hyphens.com",
        "email@localhost",
        "\"test@test\"@example.com",
        "\"\\\t\"@here.com",
        "example@atm." + new string('a', 63),
        "example@" + new string('a', 63) + ".atm",
        "example@" + new string('a', 63) + "." + new string('b', 10) + ".atm",
        "a@" + new string('a', 63) + ".us",
        "first.last+tag@Example.COM",
        "!#$%&'*+/=?^_`{}|~-@example.com",
        "test@domain.with.idn.tld.उदाहरण.परीक्षा",
        "user@bücher.de",
    };

    public static TheoryData<string> InvalidAddresses => new()
    {
        "",
        "abc",
        "abc@",
        "abc@bar",
        "a@b",
        "a @x.cz",
        "abc@.com",
        "something@@somewhere.com",
        "email@127.0.0.1",
        "email@[127.0.0.256]",
        "email@[2001:db8::12345]",
        "email@[2001:db8:0:0:0:0:1]",
        "email@[::ffff:127.0.0.256]",
        "email@[2001:dg8::1]",
        "email@[1.2.3]",
        "example@invalid-.com",
        "example@-invalid.com",
        "example@invalid.com-",
        "example@inv-.alid-.com",
        "example@inv-.-alid.com",
        "test@example.com\n\n<script src=\"x.js\">",
        "\"\\\n\"@here.com",
        "\"\\\r\"@here.com",
        "trailingdot@shouldfail.com.",
        "example@atm." + new string('a', 64),
        "example@" + new string('a', 64) + ".atm",
        "example@" + new string('a', 64) + "." + new string('b', 10) + ".atm",
        "email@[127.0.0.1",
        "email@127.0.0.1]",
        "\"test@test\"\n@example.com",
        "user\n@example.com",

        // Django's quoted-string has no unescaped space.
        "\"quoted local\"@example.com",
        "user@example.com\n",
        "john..doe@example.com",
        ".john@example.com",
        "john.@example.com",
        "@example.com",
        "a@" + new string('a', 320) + ".com",
    };

    [Theory]
    [MemberData(nameof(ValidAddresses))]
    public void IsValid_DjangoValidAddress_ReturnsTrue(string address) => Assert.True(DjoserEmailAddress.IsValid(address), address);

    [Theory]
    [MemberData(nameof(InvalidAddresses))]
    public void IsValid_DjangoInvalidAddress_ReturnsFalse(string address) => Assert.False(DjoserEmailAddress.IsValid(address), address);

    [Theory]
    [InlineData("Ann.Smith@EXAMPLE.Com", "Ann.Smith@example.com")]
    [InlineData("\"A@B\"@Example.COM", "\"A@B\"@example.com")]
    [InlineData("ann@localhost", "ann@localhost")]
    [InlineData("no-at-sign", "no-at-sign")]
    public void Normalize_Address_LowerCasesDomainOnly(string address, string expected) =>
        Assert.Equal(expected, DjoserEmailAddress.Normalize(address));
}
