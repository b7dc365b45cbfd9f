namespace Djoser.Generators
{
    /// <summary>Names of the tracked pipeline steps, asserted by the incremental tests.</summary>
    internal static class TrackingNames
    {
        public const string ParseResult = nameof(ParseResult);
        public const string UserSpec = nameof(UserSpec);
        public const string Diagnostics = nameof(Diagnostics);
        public const string UserClass = nameof(UserClass);
        public const string SingleUser = nameof(SingleUser);
        public const string MultipleUsersDiagnostics = nameof(MultipleUsersDiagnostics);
    }
}
