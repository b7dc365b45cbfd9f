namespace Djoser.Generators
{
    /// <summary>Metadata names and member names the generator looks for in user code.</summary>
    internal static class KnownNames
    {
        public const string DjoserUserAttribute = "Djoser.DjoserUserAttribute";
        public const string UsernameFieldArgument = "UsernameField";
        public const string RequiredFieldsArgument = "RequiredFields";
        public const string DefaultUsernameField = "UserName";
        public const string UsernameValidatorArgument = "UsernameValidator";
        public const string UserIdFieldArgument = "UserIdField";
        public const string LoginFieldArgument = "LoginField";

        public const string DjoserFieldAttribute = "Djoser.DjoserFieldAttribute";
        public const string DjoserFieldRequiredArgument = "Required";
        public const string DjoserFieldMaxLengthArgument = "MaxLength";
        public const string DjoserFieldMinLengthArgument = "MinLength";

        public const string IdentityNamespace = "Microsoft.AspNetCore.Identity";
        public const string IdentityUserGenericMetadataName = "IdentityUser`1";

        public const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
        public const string EmailAddressAttribute = "System.ComponentModel.DataAnnotations.EmailAddressAttribute";
        public const string MaxLengthAttribute = "System.ComponentModel.DataAnnotations.MaxLengthAttribute";
        public const string StringLengthAttribute = "System.ComponentModel.DataAnnotations.StringLengthAttribute";
        public const string StringLengthMinimumArgument = "MinimumLength";
        public const string MinLengthAttribute = "System.ComponentModel.DataAnnotations.MinLengthAttribute";
        public const string RequiredAttribute = "System.ComponentModel.DataAnnotations.RequiredAttribute";

        public const string UserNameProperty = "UserName";
        public const string EmailProperty = "Email";
        public const string IdProperty = "Id";

        /// <summary>Identity's column length for <c>UserName</c> and <c>Email</c>.</summary>
        public const int IdentityStringMaxLength = 256;

        /// <summary>
        /// The bound of a string field that declares no length (docs/model.md): Identity's own string columns are
        /// 256 long, and Django's CharField always has a max_length, so no field accepts an unbounded string.
        /// </summary>
        public const int DefaultStringMaxLength = 256;
    }
}
