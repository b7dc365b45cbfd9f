namespace Djoser.Generators
{
    internal static class Placeholder
    {
    }
}
