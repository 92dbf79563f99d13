using Hallway.Core.Events;
using Hallway.Storage.Sqlite;
using Hallway.Storage.Tests.Infrastructure;

namespace Hallway.Storage.Tests;

/// <summary>The single writer: concurrent callers, batches, and what each caller gets back.</summary>
public sealed class WriterGroupCommitTests : IAsyncLifetime
{
    private TempStore _db = null!;

    public Task InitializeAsync()
    {
        _db = TempStore.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ConcurrentWrites_FromManyTasks_AllCommit()
    {
        const int Tasks = 32;
        const int WritesEach = 25;
        var (chatId, senderId) = await _db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            return (Seed.Group(tx, user), user);
        });

        var writers = Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var ids = new List<long>();
            for (var i = 0; i < WritesEach; i++)
            {
                ids.Add(await _db.Store.WriteAsync(tx => Seed.Message(tx, chatId, senderId, $"task {t} write {i}").Id));
            }

            return ids;
        }));
        var written = (await Task.WhenAll(writers)).SelectMany(ids => ids).ToList();

        Assert.Equal(Tasks * WritesEach, written.Distinct().Count());
        var history = await _db.ReadAsync(r => r.History(chatId, null, null, Tasks * WritesEach + 10));
        Assert.Equal(written.Order(), history.Select(m => m.Id).Order());
        Assert.Equal(Enumerable.Range(1, Tasks * WritesEach).Select(i => (long)i), history.Select(m => m.Seq));
        Assert.Equal(Tasks * WritesEach, (await _db.ReadAsync(r => r.GetChat(chatId)))!.LastSeq);
    }

    [Fact]
    public async Task ConcurrentWrites_EventsReachTheSinkOnceEachInIdOrder()
    {
        var userId = await _db.WriteAsync(tx => Seed.User(tx));

        var appended = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            Task.Run(() => _db.Store.WriteAsync(tx => Seed.UserEvent(tx, userId)))));

        var published = _db.Sink.Events;
        Assert.Equal(appended.Select(e => e.Id).Order(), published.Select(e => e.Id));
        Assert.True(published.Zip(published.Skip(1)).All(p => p.First.Id < p.Second.Id), "events out of id order");
    }

    [Fact]
    public async Task WritesQueuedTogether_CommitAsOneBatch()
    {
        var userId = await _db.WriteAsync(tx => Seed.User(tx));
        var batchesBefore = _db.Sink.Batches.Count;

        using var gate = await WriterGate.HoldAsync(_db.Store);
        var queued = Enumerable.Range(0, 100).Select(_ => _db.Store.WriteAsync(tx => Seed.UserEvent(tx, userId))).ToList();
        await gate.ReleaseAsync();
        var appended = await Task.WhenAll(queued);

        var batch = Assert.Single(_db.Sink.Batches.Skip(batchesBefore));
        Assert.Equal(appended.Select(e => e.Id), batch.Select(e => e.Id));
    }

    [Fact]
    public async Task WritesQueuedTogether_AreSplitIntoBatchesOfAtMostMaxBatch()
    {
        var userId = await _db.WriteAsync(tx => Seed.User(tx));
        var batchesBefore = _db.Sink.Batches.Count;

        using var gate = await WriterGate.HoldAsync(_db.Store);
        var queued = Enumerable.Range(0, SqliteWriter.MaxBatch + 10).Select(_ => _db.Store.WriteAsync(tx => Seed.UserEvent(tx, userId))).ToList();
        await gate.ReleaseAsync();
        await Task.WhenAll(queued);

        var sizes = _db.Sink.Batches.Skip(batchesBefore).Select(b => b.Count).ToArray();
        Assert.Equal([SqliteWriter.MaxBatch, 10], sizes);
    }

    [Fact]
    public async Task Write_ReturnsTheWorkResult_AndReadSeesItCommitted()
    {
        var userId = await _db.WriteAsync(tx => Seed.User(tx, "committed"));

        Assert.Equal("committed", (await _db.ReadAsync(r => r.GetUser(userId)))!.Username);
        Assert.Equal(userId, _db.Store.Read(r => r.GetUserByKey("committed"))!.Id);
    }

    [Fact]
    public async Task Write_ACancelledCallerIsNotRun()
    {
        using var gate = await WriterGate.HoldAsync(_db.Store);
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var cancelled = _db.Store.WriteAsync(tx => ran = true, cancel.Token);
        var other = _db.Store.WriteAsync(tx => Seed.User(tx, "not-cancelled"));
        await cancel.CancelAsync();
        await gate.ReleaseAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(ran);
        Assert.True(await other > 0);
    }

    [Fact]
    public async Task Events_ArePublishedOnlyAfterCommit_AndBeforeTheCallerResumes()
    {
        var (chatId, userId) = await _db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            return (Seed.Group(tx, user), user);
        });
        var visibleAtPublish = new List<bool>();
        _db.Sink.OnPublish = events =>
        {
            // A separate read connection sees only committed data.
            foreach (var e in events.Where(e => e.Type == EventTypes.MessageCreated))
            {
                visibleAtPublish.Add(_db.Store.Read(r => r.LastEventId()) >= e.Id && _db.Store.Read(r => r.History(chatId, null, null, 1)).Count == 1);
            }
        };

        var message = await _db.WriteAsync(tx => Seed.Message(tx, chatId, userId, "hello"));

        Assert.Equal([true], visibleAtPublish);
        Assert.Contains(_db.Sink.Events, e => e.Type == EventTypes.MessageCreated && e.ChatId == chatId);
        Assert.Equal(message.Id, (await _db.ReadAsync(r => r.GetMessage(message.Id)))!.Id);
    }

    [Fact]
    public async Task Write_AWorkItemThatOnlyReads_PublishesNothing()
    {
        await _db.WriteAsync(tx => Seed.User(tx));
        var batchesBefore = _db.Sink.Batches.Count;

        Assert.True(await _db.WriteAsync(tx => tx.CountUsers()) >= 1);
        Assert.Equal(batchesBefore, _db.Sink.Batches.Count);
    }

    [Fact]
    public async Task SinkThatThrows_DoesNotFailTheWriters()
    {
        var userId = await _db.WriteAsync(tx => Seed.User(tx));
        _db.Sink.OnPublish = _ => throw new InvalidOperationException("delivery broke");

        var appended = await _db.WriteAsync(tx => Seed.UserEvent(tx, userId));

        // The log is the truth: the event is stored and replayable although delivery failed.
        Assert.Equal(appended, Assert.Single(await _db.ReadAsync(r => r.EventsFor(userId, 0, 10))));
        _db.Sink.OnPublish = null;
        Assert.True(await _db.WriteAsync(tx => Seed.UserEvent(tx, userId).Id) > appended.Id);
    }
}
