using Hallway.Core.Events;
using Hallway.Storage.Sqlite;
using Hallway.Storage.Tests.Infrastructure;

namespace Hallway.Storage.Tests;

/// <summary>The single writer: concurrent callers, batches, and what each caller gets back.</summary>
public sealed class WriterGroupCommitTests : StoreTest
{
    [Fact]
    public async Task ConcurrentWrites_FromManyTasks_AllCommit()
    {
        const int Tasks = 32;
        const int WritesEach = 25;
        var (chatId, senderId) = await Db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            return (Seed.Group(tx, user), user);
        });

        var writers = Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var ids = new List<long>();
            for (var i = 0; i < WritesEach; i++)
            {
                ids.Add(await Db.Store.WriteAsync(tx => Seed.Message(tx, chatId, senderId, $"task {t} write {i}").Id));
            }

            return ids;
        }));
        var written = (await Task.WhenAll(writers)).SelectMany(ids => ids).ToList();

        Assert.Equal(Tasks * WritesEach, written.Distinct().Count());
        var history = await Db.ReadAsync(r => r.History(chatId, null, null, Tasks * WritesEach + 10));
        Assert.Equal(written.Order(), history.Select(m => m.Id).Order());
        Assert.Equal(Enumerable.Range(1, Tasks * WritesEach).Select(i => (long)i), history.Select(m => m.Seq));
        Assert.Equal(Tasks * WritesEach, (await Db.ReadAsync(r => r.GetChat(chatId)))!.LastSeq);
    }

    [Fact]
    public async Task ConcurrentWrites_EventsReachTheSinkOnceEachInIdOrder()
    {
        var userId = await Db.WriteAsync(tx => Seed.User(tx));

        var appended = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            Task.Run(() => Db.Store.WriteAsync(tx => Seed.UserEvent(tx, userId)))));

        var published = Db.Sink.Events;
        Assert.Equal(appended.Select(e => e.Id).Order(), published.Select(e => e.Id));
        Assert.True(published.Zip(published.Skip(1)).All(p => p.First.Id < p.Second.Id), "events out of id order");
    }

    [Fact]
    public async Task WritesQueuedTogether_CommitAsOneBatch()
    {
        var userId = await Db.WriteAsync(tx => Seed.User(tx));
        var batchesBefore = Db.Sink.Batches.Count;

        using var gate = await WriterGate.HoldAsync(Db.Store);
        var queued = Enumerable.Range(0, 100).Select(_ => Db.Store.WriteAsync(tx => Seed.UserEvent(tx, userId))).ToList();
        await gate.ReleaseAsync();
        var appended = await Task.WhenAll(queued);

        var batch = Assert.Single(Db.Sink.Batches.Skip(batchesBefore));
        Assert.Equal(appended.Select(e => e.Id), batch.Select(e => e.Id));
    }

    [Fact]
    public async Task WritesQueuedTogether_AreSplitIntoBatchesOfAtMostMaxBatch()
    {
        var userId = await Db.WriteAsync(tx => Seed.User(tx));
        var batchesBefore = Db.Sink.Batches.Count;

        using var gate = await WriterGate.HoldAsync(Db.Store);
        var queued = Enumerable.Range(0, SqliteWriter.MaxBatch + 10).Select(_ => Db.Store.WriteAsync(tx => Seed.UserEvent(tx, userId))).ToList();
        await gate.ReleaseAsync();
        await Task.WhenAll(queued);

        var sizes = Db.Sink.Batches.Skip(batchesBefore).Select(b => b.Count).ToArray();
        Assert.Equal([SqliteWriter.MaxBatch, 10], sizes);
    }

    [Fact]
    public async Task Write_ReturnsTheWorkResult_AndReadSeesItCommitted()
    {
        var userId = await Db.WriteAsync(tx => Seed.User(tx, "committed"));

        Assert.Equal("committed", (await Db.ReadAsync(r => r.GetUser(userId)))!.Username);
        Assert.Equal(userId, Db.Store.Read(r => r.GetUserByKey("committed"))!.Id);
    }

    [Fact]
    public async Task Write_ACancelledCallerIsNotRun()
    {
        using var gate = await WriterGate.HoldAsync(Db.Store);
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var cancelled = Db.Store.WriteAsync(tx => ran = true, cancel.Token);
        var other = Db.Store.WriteAsync(tx => Seed.User(tx, "not-cancelled"));
        await cancel.CancelAsync();
        await gate.ReleaseAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(ran);
        Assert.True(await other > 0);
    }

    [Fact]
    public async Task Events_ArePublishedOnlyAfterCommit_AndBeforeTheCallerResumes()
    {
        var (chatId, userId) = await Db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            return (Seed.Group(tx, user), user);
        });
        var visibleAtPublish = new List<bool>();
        Db.Sink.OnPublish = events =>
        {
            // A separate read connection sees only committed data.
            foreach (var e in events.Where(e => e.Type == EventTypes.MessageCreated))
            {
                visibleAtPublish.Add(Db.Store.Read(r => r.LastEventId()) >= e.Id && Db.Store.Read(r => r.History(chatId, null, null, 1)).Count == 1);
            }
        };

        var message = await Db.WriteAsync(tx => Seed.Message(tx, chatId, userId, "hello"));

        Assert.Equal([true], visibleAtPublish);
        Assert.Contains(Db.Sink.Events, e => e.Type == EventTypes.MessageCreated && e.ChatId == chatId);
        Assert.Equal(message.Id, (await Db.ReadAsync(r => r.GetMessage(message.Id)))!.Id);
    }

    [Fact]
    public async Task Write_AWorkItemThatOnlyReads_PublishesNothing()
    {
        await Db.WriteAsync(tx => Seed.User(tx));
        var batchesBefore = Db.Sink.Batches.Count;

        Assert.True(await Db.WriteAsync(tx => tx.CountUsers()) >= 1);
        Assert.Equal(batchesBefore, Db.Sink.Batches.Count);
    }

    [Fact]
    public async Task SinkThatThrows_DoesNotFailTheWriters()
    {
        var userId = await Db.WriteAsync(tx => Seed.User(tx));
        Db.Sink.OnPublish = _ => throw new InvalidOperationException("delivery broke");

        var appended = await Db.WriteAsync(tx => Seed.UserEvent(tx, userId));

        // The log is the truth: the event is stored and replayable although delivery failed.
        Assert.Equal(appended, Assert.Single(await Db.ReadAsync(r => r.EventsFor(userId, 0, 10))));
        Db.Sink.OnPublish = null;
        Assert.True(await Db.WriteAsync(tx => Seed.UserEvent(tx, userId).Id) > appended.Id);
    }
}
