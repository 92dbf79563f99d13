using Hallway.Core.Storage;
using Hallway.Storage.Sqlite;
using Hallway.Testing;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Tests.Infrastructure;

/// <summary>A <see cref="SqliteStore"/> on a fresh folder of its own, with a recording event sink.</summary>
public sealed class TempStore : IAsyncDisposable
{
    private readonly TimeProvider? _time;

    private TempStore(string folder, TimeProvider? time)
    {
        Folder = folder;
        _time = time;
        Store = Open();
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, SqliteStore.FileName);

    public SqliteStore Store { get; private set; }

    public RecordingSink Sink { get; private set; } = new();

    public static TempStore Create(TimeProvider? time = null) => new(TestData.TempFolder("storage"), time);

    public Task<T> WriteAsync<T>(Func<IWriteTx, T> work) => Store.WriteAsync(work);

    public Task<T> ReadAsync<T>(Func<IReadTx, T> query) => Store.ReadAsync(query);

    /// <summary>Disposes the store and opens the same folder again, with a new sink.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Sink = new RecordingSink();
        Store = Open();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        DeleteFolder(Folder);
    }

    public static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private SqliteStore Open()
    {
        var store = SqliteStore.Open(Folder, _time);
        store.SetEventSink(Sink);
        return store;
    }
}
