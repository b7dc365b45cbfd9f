namespace Djoser.IntegrationTests;

/// <summary>
/// A committed text snapshot next to the test: <c>{name}.verified.{extension}</c> in <c>directory</c>. A mismatch writes
/// <c>{name}.received.{extension}</c> and fails; <c>DJOSER_ACCEPT_SNAPSHOTS=1</c> accepts the actual text instead.
/// </summary>
internal static class SnapshotFile
{
    public static void Verify(string directory, string name, string extension, string actual, string what)
    {
        var verified = Path.Combine(directory, $"{name}.verified.{extension}");
        var received = Path.Combine(directory, $"{name}.received.{extension}");
        if (Environment.GetEnvironmentVariable("DJOSER_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : string.Empty;
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"{what} changed; see {received} (DJOSER_ACCEPT_SNAPSHOTS=1 accepts it).\nExpected:\n{expected}\nActual:\n{actual}");
        }

        File.Delete(received);
    }
}
