using System.Reflection;
using System.Runtime.Loader;

namespace Djoser.Runtime.Tests;

/// <summary>
/// The runtime loaded again in a context of its own that records every assembly its code asks for, then leaves the
/// load to the default context (which shares the test's own assemblies): what a start-up path loads, seen in a test.
/// </summary>
internal sealed class RecordingLoadContext() : AssemblyLoadContext(nameof(RecordingLoadContext), isCollectible: true)
{
    public HashSet<string> Requested { get; } = [];

    /// <summary>Djoser.Runtime, loaded in this context.</summary>
    public Assembly LoadRuntime() => LoadFromAssemblyPath(typeof(Djoser.Emails.DjoserSenderAddress).Assembly.Location);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        Requested.Add(assemblyName.Name!);
        return null;
    }
}
