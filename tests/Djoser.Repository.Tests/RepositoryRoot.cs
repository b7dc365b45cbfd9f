namespace Djoser.Repository.Tests;

internal static class RepositoryRoot
{
    /// <summary>The folder holding Djoser.Gen.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Djoser.Gen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Djoser.Gen.sln not found above " + AppContext.BaseDirectory);
    }
}
