using Djoser.Binding;
using static Djoser.Runtime.Tests.Binding.BindingTestSupport;

namespace Djoser.Runtime.Tests.Binding;

public sealed class PythonTextTests
{
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(123.456, "123.456")]
    [InlineData(1e16, "1e+16")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(1e22, "1e+22")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012, "0.00012")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Float_Value_IsPythonRepr(double value, string expected) => Assert.Equal(expected, PythonText.Float(value));

    [Theory]
    [InlineData("null", "None")]
    [InlineData("true", "True")]
    [InlineData("\"plain\"", "plain")]
    [InlineData("[]", "[]")]
    [InlineData("[\"a\\nb\", \"it's\"]", "['a\\nb', \"it's\"]")]
    [InlineData("{\"a\": [1.0, 2]}", "{'a': [1.0, 2]}")]
    public void Str_JsonValue_IsPythonStr(string json, string expected) => Assert.Equal(expected, PythonText.Str(Element(json)));

    [Theory]
    [InlineData("  a b  ", "a b")]
    [InlineData("\u001c\t a \u001f\n", "a")]
    [InlineData("\u00a0a\u2003", "a")]
    [InlineData("\u200ba", "\u200ba")]
    public void Strip_Text_StripsPythonWhitespace(string text, string expected) => Assert.Equal(expected, PythonText.Strip(text));

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("😀a", 2)]
    [InlineData("", 0)]
    public void Length_Text_CountsCodePoints(string text, int expected) => Assert.Equal(expected, PythonText.Length(text));
}
