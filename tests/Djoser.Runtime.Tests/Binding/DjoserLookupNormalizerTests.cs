using Djoser.Binding;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Runtime.Tests.Binding;

/// <summary>Identity's lookup keys for any text a client can send, U+FFFF and lone surrogates included (issue 11).</summary>
public sealed class DjoserLookupNormalizerTests
{
    private readonly DjoserLookupNormalizer _normalizer = new();

    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("J\u00f6rg@Example.com")]
    [InlineData("Jo\u0308rg")]
    [InlineData("\ud83d\ude00 smile")]
    [InlineData("ann\uffff@example.com")]
    [InlineData("")]
    public void NormalizableText_IsIdentitysOwnKey(string text)
    {
        var identity = new UpperInvariantLookupNormalizer();

        Assert.Equal(identity.NormalizeName(text), _normalizer.NormalizeName(text));
        Assert.Equal(identity.NormalizeEmail(text), _normalizer.NormalizeEmail(text));
    }

    // Built from chars, not attribute data: xunit would turn a lone surrogate into U+FFFD on the way in.
    [Fact]
    public void TextDotNetCannotNormalize_IsUpperCasedInsteadOfThrowing()
    {
        string[] texts = ["ann\ufffe@example.com", "\ufffe", "a" + '\ud800' + "b", "a" + '\udc00', "" + '\ud800', '\udc00' + "\ud83d\ude00"];
        var identity = new UpperInvariantLookupNormalizer();
        foreach (var text in texts)
        {
            Assert.Throws<ArgumentException>(() => identity.NormalizeName(text));

            Assert.Equal(text.ToUpperInvariant(), _normalizer.NormalizeName(text));
            Assert.Equal(text.ToUpperInvariant(), _normalizer.NormalizeEmail(text));
        }
    }

    [Fact]
    public void Null_StaysNull()
    {
        Assert.Null(_normalizer.NormalizeName(null));
        Assert.Null(_normalizer.NormalizeEmail(null));
    }
}
