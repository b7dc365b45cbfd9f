namespace System.Runtime.CompilerServices
{
    /// <summary>Lets netstandard2.0 compile <c>record</c> and <c>init</c>; the compiler only needs the type to exist.</summary>
    internal static class IsExternalInit
    {
    }
}
