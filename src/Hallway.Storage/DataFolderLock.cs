namespace Hallway.Storage;

/// <summary>
/// One server per data folder: a running server holds <c>hallway.lock</c> exclusively (an OS file
/// lock, released when the process ends, also by a crash), so a second server on the same folder,
/// or a restore under a running one, is refused instead of corrupting what the first one holds.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = "hallway.lock";

    private readonly FileStream _file;

    private DataFolderLock(FileStream file) => _file = file;

    /// <summary>The lock, or null when another process holds it.</summary>
    public static DataFolderLock? TryAcquire(string dataDirectory)
    {
        try
        {
            var file = new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return new DataFolderLock(file);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
