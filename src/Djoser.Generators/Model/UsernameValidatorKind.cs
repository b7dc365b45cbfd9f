namespace Djoser.Generators.Model
{
    /// <summary>
    /// Which Django username validator checks the username field; mirrors the runtime's
    /// <c>Djoser.DjoserUsernameValidation</c> (same values, read from <c>[DjoserUser(UsernameValidator = …)]</c>).
    /// </summary>
    internal enum UsernameValidatorKind
    {
        /// <summary>Django's <c>UnicodeUsernameValidator</c> (the default).</summary>
        Unicode = 0,

        /// <summary>Django's <c>ASCIIUsernameValidator</c>.</summary>
        Ascii = 1,

        /// <summary>No character check.</summary>
        None = 2,
    }
}
