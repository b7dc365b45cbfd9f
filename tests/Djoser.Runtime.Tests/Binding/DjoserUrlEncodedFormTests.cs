using System.Text;
using Djoser.Binding;

namespace Djoser.Runtime.Tests.Binding;

/// <summary>urlencoded bodies read as Django's QueryDict reads them (parse_qsl with keep_blank_values, unquote with errors='replace').</summary>
public sealed class DjoserUrlEncodedFormTests
{
    [Theory]
    [InlineData("a=%00", "\0")]
    [InlineData("a=x%00y", "x\0y")]
    [InlineData("a=b+c", "b c")]
    [InlineData("a=b%2Bc", "b+c")]
    [InlineData("a=%zz", "%zz")]
    [InlineData("a=%", "%")]
    [InlineData("a=%4", "%4")]
    [InlineData("a=%C3%BC", "\u00fc")]
    [InlineData("a=%C3", "\ufffd")]
    [InlineData("a=%C0%AF", "\ufffd\ufffd")]
    [InlineData("a=%ED%A0%80", "\ufffd\ufffd\ufffd")]
    [InlineData("a=x=y", "x=y")]
    [InlineData("a", "")]
    [InlineData("a=", "")]
    [InlineData("&&a=1&&", "1")]
    public void TryParse_Value_IsDjangos(string body, string expected)
    {
        Assert.True(DjoserUrlEncodedForm.TryParse(Encoding.ASCII.GetBytes(body), null, 1000, out var form));

        Assert.Equal(expected, Assert.Single(form["a"]));
    }

    [Fact]
    public void TryParse_RepeatedNames_KeepEveryValueInOrder()
    {
        Assert.True(DjoserUrlEncodedForm.TryParse("a=1&b=2&a=3"u8.ToArray(), null, 1000, out var form));

        Assert.Equal(2, form["a"].Count);
        Assert.Equal("1,3", form["a"].ToString());
        Assert.Equal("2", form["b"].ToString());
    }

    [Fact]
    public void TryParse_EmptyAndEncodedNames_AreFields()
    {
        Assert.True(DjoserUrlEncodedForm.TryParse("=x&%00=y&%C3%BC=z"u8.ToArray(), null, 1000, out var form));

        Assert.Equal("x", form[string.Empty].ToString());
        Assert.Equal("y", form["\0"].ToString());
        Assert.Equal("z", form["\u00fc"].ToString());
    }

    [Fact]
    public void TryParse_BodyInvalidInItsCharset_IsReadAsLatin1()
    {
        // Django: "some user agents are misbehaving" — the body falls back to ISO-8859-1, escapes still in UTF-8.
        byte[] body = [.. "a="u8, 0xFC, .. "&b=%C3%BC"u8];

        Assert.True(DjoserUrlEncodedForm.TryParse(body, null, 1000, out var form));

        Assert.Equal("\u00fc", form["a"].ToString());
        Assert.Equal("\u00fc", form["b"].ToString());
    }

    [Fact]
    public void TryParse_DeclaredCodePage_DecodesEscapesInIt()
    {
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

        Assert.True(DjoserUrlEncodedForm.TryParse("a=%80"u8.ToArray(), cp1252, 1000, out var form));

        Assert.Equal("\u20ac", form["a"].ToString());
    }

    [Fact]
    public void TryParse_RawNonAsciiText_IsKeptBesideEscapes()
    {
        Assert.True(DjoserUrlEncodedForm.TryParse(Encoding.UTF8.GetBytes("a=\u00e9%C3%BC\u00e9"), null, 1000, out var form));

        Assert.Equal("\u00e9\u00fc\u00e9", form["a"].ToString());
    }

    [Theory]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void TryParse_FieldCount_IsLimited(int fields, bool accepted)
    {
        var body = string.Join('&', Enumerable.Range(0, fields).Select(i => $"f{i}=v"));

        Assert.Equal(accepted, DjoserUrlEncodedForm.TryParse(Encoding.ASCII.GetBytes(body), null, 1000, out _));
    }
}
