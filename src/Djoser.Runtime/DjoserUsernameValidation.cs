namespace Djoser;

/// <summary>Which of Django's username validators checks a <c>UserName</c> username field (see <see cref="DjoserUserAttribute.UsernameValidator"/>).</summary>
public enum DjoserUsernameValidation
{
    /// <summary>
    /// Django's default <c>UnicodeUsernameValidator</c>: letters and digits of any script plus <c>@ . + - _</c>;
    /// anything else is "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.".
    /// </summary>
    Unicode = 0,

    /// <summary>Django's <c>ASCIIUsernameValidator</c>: ASCII letters and digits plus <c>@ . + - _</c>, same message.</summary>
    Ascii = 1,

    /// <summary>No character check (length, blank and null-character rules still apply).</summary>
    None = 2,
}
