using Hallway.Core.Messages;
using Hallway.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Tests;

/// <summary>A caller that throws rolls back only its own changes and events; its batch-mates commit.</summary>
public sealed class WriterFailureTests : StoreTest
{
    [Fact]
    public async Task ThrowingWorkItem_RollsBackOnlyItsOwnRowsAndEvents()
    {
        var batchesBefore = Db.Sink.Batches.Count;
        using var gate = await WriterGate.HoldAsync(Db.Store);
        var first = Db.Store.WriteAsync(tx => Seed.UserEvent(tx, Seed.User(tx, "first")));
        var failing = Db.Store.WriteAsync<long>(tx =>
        {
            Seed.UserEvent(tx, Seed.User(tx, "failing"));
            throw new InvalidOperationException("boom");
        });
        var last = Db.Store.WriteAsync(tx => Seed.UserEvent(tx, Seed.User(tx, "last")));
        await gate.ReleaseAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("boom", error.Message);
        var (firstEvent, lastEvent) = (await first, await last);

        Assert.NotNull(await Db.ReadAsync(r => r.GetUserByKey("first")));
        Assert.NotNull(await Db.ReadAsync(r => r.GetUserByKey("last")));
        Assert.Null(await Db.ReadAsync(r => r.GetUserByKey("failing")));

        // One batch, holding exactly the survivors' events, in id order.
        var batch = Assert.Single(Db.Sink.Batches.Skip(batchesBefore));
        Assert.Equal([firstEvent.Id, lastEvent.Id], batch.Select(e => e.Id));
        Assert.True(firstEvent.Id < lastEvent.Id);
        Assert.Equal(lastEvent.Id, await Db.ReadAsync(r => r.LastEventId()));
    }

    [Fact]
    public async Task ThrowingWorkItem_DoesNotUseUpASequenceNumber()
    {
        var (chatId, userId) = await Db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            return (Seed.Group(tx, user), user);
        });

        using var gate = await WriterGate.HoldAsync(Db.Store);
        var a = Db.Store.WriteAsync(tx => Seed.Message(tx, chatId, userId, "a"));
        var failing = Db.Store.WriteAsync<Message>(tx =>
        {
            Seed.Message(tx, chatId, userId, "rolled back");
            throw new InvalidOperationException("after the insert");
        });
        var b = Db.Store.WriteAsync(tx => Seed.Message(tx, chatId, userId, "b"));
        await gate.ReleaseAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);

        Assert.Equal((1L, 2L), ((await a).Seq, (await b).Seq));
        var history = await Db.ReadAsync(r => r.History(chatId, null, null, 10));
        Assert.Equal(["a", "b"], history.Select(m => m.Text));
        Assert.Equal(2, (await Db.ReadAsync(r => r.GetChat(chatId)))!.LastSeq);
    }

    [Fact]
    public async Task ConstraintViolation_FailsOnlyThatCaller()
    {
        var (chatId, userId) = await Db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            return (Seed.Group(tx, user), user);
        });

        using var gate = await WriterGate.HoldAsync(Db.Store);
        var ok = Db.Store.WriteAsync(tx => Seed.Message(tx, chatId, userId, "fine", clientId: "same"));
        var duplicate = Db.Store.WriteAsync(tx => Seed.Message(tx, chatId, userId, "same client id", clientId: "same"));
        var after = Db.Store.WriteAsync(tx => Seed.User(tx, "after-the-duplicate"));
        await gate.ReleaseAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal("fine", (await ok).Text);
        Assert.True(await after > 0);
        Assert.Equal(["fine"], (await Db.ReadAsync(r => r.History(chatId, null, null, 10))).Select(m => m.Text));
    }

    [Fact]
    public async Task ThrowingWorkItem_LeavesTheWriterUsable()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Db.Store.WriteAsync<int>(_ => throw new InvalidOperationException("alone")));

        var id = await Db.WriteAsync(tx => Seed.User(tx, "next"));
        Assert.Equal(id, (await Db.ReadAsync(r => r.GetUserByKey("next")))!.Id);
    }

    [Fact]
    public async Task FailedReadInsideRead_SurfacesAsAFaultedTask()
    {
        var read = Db.ReadAsync<int>(_ => throw new InvalidOperationException("read failed"));

        Assert.Equal("read failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => read)).Message);
        Assert.Equal(0, await Db.ReadAsync(r => (int)r.CountUsers()));
    }
}
