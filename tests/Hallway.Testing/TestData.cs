namespace Hallway.Testing;

/// <summary>Unique names and folders so that tests never share data.</summary>
public static class TestData
{
    private static int _counter;

    public static string Username(string prefix = "u") =>
        $"{prefix}{Environment.ProcessId % 10000}x{Interlocked.Increment(ref _counter)}";

    public static string ClientId() => Guid.NewGuid().ToString("N");

    public static string TempFolder(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "hallway-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
