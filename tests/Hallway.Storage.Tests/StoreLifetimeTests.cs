using Hallway.Storage.Sqlite;
using Hallway.Storage.Tests.Infrastructure;

namespace Hallway.Storage.Tests;

/// <summary>Disposing and reopening the store: nothing committed is lost, nothing is left open.</summary>
public sealed class StoreLifetimeTests : StoreTest
{
    [Fact]
    public async Task Reopen_FindsEverythingCommitted()
    {
        var (chatId, userId, lastEvent) = await Db.WriteAsync(tx =>
        {
            var user = Seed.User(tx, "persistent");
            var chat = Seed.Group(tx, user);
            Seed.Message(tx, chat, user, "one");
            Seed.Message(tx, chat, user, "two");
            return (chat, user, Seed.UserEvent(tx, user).Id);
        });

        await Db.ReopenAsync();

        Assert.Equal(userId, (await Db.ReadAsync(r => r.GetUserByKey("persistent")))!.Id);
        Assert.Equal(["one", "two"], (await Db.ReadAsync(r => r.History(chatId, null, null, 10))).Select(m => m.Text));
        Assert.Equal(lastEvent, await Db.ReadAsync(r => r.LastEventId()));
    }

    [Fact]
    public async Task Reopen_EventIdsAreNeverReused()
    {
        var userId = await Db.WriteAsync(tx => Seed.User(tx));
        var before = await Db.WriteAsync(tx => Seed.UserEvent(tx, userId).Id);

        await Db.ReopenAsync();
        var after = await Db.WriteAsync(tx => Seed.UserEvent(tx, userId).Id);

        Assert.True(after > before);
    }

    [Fact]
    public async Task Dispose_FinishesWritesAlreadyQueued()
    {
        var gate = await WriterGate.HoldAsync(Db.Store);
        var queued = Enumerable.Range(0, 20).Select(i => Db.Store.WriteAsync(tx => Seed.User(tx, $"queued{i}"))).ToList();
        await gate.ReleaseAsync();

        await Db.ReopenAsync();

        Assert.All(queued, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(20, await Db.ReadAsync(r => r.CountUsers()));
    }

    [Fact]
    public async Task Write_AfterDispose_IsRefused()
    {
        var store = SqliteStore.Open(Path.Combine(Db.Folder, "second"));
        await store.DisposeAsync();

        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => store.WriteAsync(tx => Seed.User(tx)));
    }

    [Fact]
    public async Task Dispose_ClosesTheDatabaseFile()
    {
        var folder = Path.Combine(Db.Folder, "closing");
        var store = SqliteStore.Open(folder);
        await store.WriteAsync(tx => Seed.User(tx));
        await store.ReadAsync(r => r.CountUsers());

        await store.DisposeAsync();

        // SQLite removes the write-ahead log when the last connection to the database closes.
        Assert.False(File.Exists(Path.Combine(folder, SqliteStore.FileName + "-wal")), "a connection is still open after DisposeAsync");
    }
}
