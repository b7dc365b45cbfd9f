namespace Djoser.Generators.Model
{
    /// <summary>
    /// Everything emission needs about one <c>[DjoserUser]</c> class. Immutable with value equality; members must
    /// keep it so (strings, bools, other specs and <see cref="EquatableArray{T}"/> only; never Roslyn objects).
    /// </summary>
    /// <param name="Namespace">The user class's namespace, empty for the global namespace.</param>
    /// <param name="Name">The user class's simple name, the prefix of every generated type.</param>
    /// <param name="FullyQualifiedName">The user class with <c>global::</c>.</param>
    /// <param name="KeyTypeName">The Identity key type as written in code (<c>string</c>, <c>int</c>, <c>global::System.Guid</c>...).</param>
    /// <param name="Id">The primary key property.</param>
    /// <param name="UsernameField">djoser's <c>USERNAME_FIELD</c>.</param>
    /// <param name="RequiredFields">djoser's <c>REQUIRED_FIELDS</c>, in attribute order.</param>
    /// <param name="EmailVerboseName">The e-mail's verbose name when it joins the similarity attributes on its own, else empty.</param>
    /// <param name="UsernameValidator">The character check of a <c>UserName</c> username field.</param>
    internal sealed record UserSpec(
        string Namespace,
        string Name,
        string FullyQualifiedName,
        string KeyTypeName,
        FieldSpec Id,
        FieldSpec UsernameField,
        EquatableArray<FieldSpec> RequiredFields,
        string EmailVerboseName,
        UsernameValidatorKind UsernameValidator,
        FieldSpec LoginField)
    {
        /// <summary>Whether users log in by the username field itself (djoser's default <c>LOGIN_FIELD</c>).</summary>
        public bool LoginIsUsername => LoginField.PropertyName == UsernameField.PropertyName;

        /// <summary>Whether the username field is Identity's own <c>UserName</c> (then it is set once, not twice).</summary>
        public bool UsernameIsUserName => UsernameField.PropertyName == KnownNames.UserNameProperty;

        /// <summary>
        /// The validator the username field's reads apply: Django's username validators belong to
        /// <c>AbstractUser.username</c>, so only a <c>UserName</c> field that is not an e-mail gets one.
        /// </summary>
        public UsernameValidatorKind EffectiveUsernameValidator =>
            UsernameIsUserName && !UsernameField.IsEmail ? UsernameValidator : UsernameValidatorKind.None;
    }
}
