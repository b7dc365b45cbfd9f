using Microsoft.AspNetCore.Identity;

namespace Djoser.Passwords;

/// <summary>The <see cref="IdentityError.Code"/> values of djoser's password validators: Django's error codes.</summary>
public static class DjoserPasswordErrors
{
    /// <summary>Django's <c>password_too_similar</c>.</summary>
    public const string TooSimilar = "password_too_similar";

    /// <summary>Django's <c>password_too_short</c>.</summary>
    public const string TooShort = "password_too_short";

    /// <summary>Django's <c>password_too_common</c>.</summary>
    public const string TooCommon = "password_too_common";

    /// <summary>Django's <c>password_entirely_numeric</c>.</summary>
    public const string EntirelyNumeric = "password_entirely_numeric";

    internal static Task<IdentityResult> Fail(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    internal static readonly Task<IdentityResult> Success = Task.FromResult(IdentityResult.Success);

    /// <summary>The text's code points, as Python's <c>str</c> counts and compares them.</summary>
    internal static int[] CodePoints(string text)
    {
        var result = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            result.Add(rune.Value);
        }

        return [.. result];
    }
}
