using Hallway.Core.Chats;
using Hallway.Storage.Tests.Infrastructure;

namespace Hallway.Storage.Tests;

/// <summary>What a user replays: events of the chats they are in now, and their own user events.</summary>
public sealed class EventsForTests : IAsyncLifetime
{
    private TempStore _db = null!;
    private long _alice;
    private long _bob;
    private long _shared;
    private long _bobsOnly;

    public async Task InitializeAsync()
    {
        _db = TempStore.Create();
        (_alice, _bob, _shared, _bobsOnly) = await _db.WriteAsync(tx =>
        {
            var alice = Seed.User(tx);
            var bob = Seed.User(tx);
            return (alice, bob, Seed.Group(tx, alice, bob), Seed.Group(tx, bob));
        });
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<long[]> IdsAsync(long userId, long after = 0, int limit = 1000) =>
        [.. (await _db.ReadAsync(r => r.EventsFor(userId, after, limit))).Select(e => e.Id)];

    [Fact]
    public async Task EventsFor_ChatEventsOfMembershipsPlusOwnUserEvents()
    {
        var (sharedEvent, bobsOnlyEvent, aliceEvent, bobEvent, sharedAgain) = await _db.WriteAsync(tx => (
            Seed.ChatEvent(tx, _shared).Id,
            Seed.ChatEvent(tx, _bobsOnly).Id,
            Seed.UserEvent(tx, _alice).Id,
            Seed.UserEvent(tx, _bob).Id,
            Seed.ChatEvent(tx, _shared).Id));

        Assert.Equal(new[] { sharedEvent, aliceEvent, sharedAgain }, await IdsAsync(_alice));
        Assert.Equal(new[] { sharedEvent, bobsOnlyEvent, bobEvent, sharedAgain }, await IdsAsync(_bob));
    }

    [Fact]
    public async Task EventsFor_AfterIdAndLimit_PageInIdOrder()
    {
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await _db.WriteAsync(tx => Seed.ChatEvent(tx, _shared).Id));
        }

        Assert.Equal(ids.Take(3), await IdsAsync(_alice, 0, 3));
        Assert.Equal(ids.Skip(3).Take(3), await IdsAsync(_alice, ids[2], 3));
        Assert.Equal(ids.Skip(6), await IdsAsync(_alice, ids[5], 3));
        Assert.Empty(await IdsAsync(_alice, ids[6], 3));
    }

    [Fact]
    public async Task EventsFor_AfterLeaving_TheChatsEventsAreNoLongerReplayed()
    {
        var before = await _db.WriteAsync(tx => Seed.ChatEvent(tx, _shared).Id);
        var own = await _db.WriteAsync(tx =>
        {
            tx.DeleteMember(_shared, _alice);
            return Seed.UserEvent(tx, _alice, Hallway.Core.Events.EventTypes.ChatRemoved).Id;
        });
        await _db.WriteAsync(tx => Seed.ChatEvent(tx, _shared).Id);

        Assert.DoesNotContain(before, await IdsAsync(_alice));
        Assert.Equal(new[] { own }, await IdsAsync(_alice));
    }

    [Fact]
    public async Task EventsFor_AfterJoining_TheChatsEventsAreReplayed()
    {
        var earlier = await _db.WriteAsync(tx => Seed.ChatEvent(tx, _bobsOnly).Id);
        await _db.WriteAsync(tx =>
        {
            tx.InsertMember(_bobsOnly, _alice, MemberRole.Member);
            return 0;
        });
        var later = await _db.WriteAsync(tx => Seed.ChatEvent(tx, _bobsOnly).Id);

        Assert.Equal(new[] { earlier, later }, await IdsAsync(_alice));
    }

    [Fact]
    public async Task EventsFor_CarriesTheStoredFields()
    {
        var appended = await _db.WriteAsync(tx => tx.AppendEvent(_shared, null, "chat.updated", """{"x":1}"""));

        var stored = Assert.Single(await _db.ReadAsync(r => r.EventsFor(_alice, 0, 10)));
        Assert.Equal(appended, stored);
        Assert.Equal(appended.Id, await _db.ReadAsync(r => r.LastEventId()));
    }

    [Fact]
    public async Task AppendEvent_NeedsExactlyOneAudience()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => _db.WriteAsync(tx => tx.AppendEvent(null, null, "x", "{}")));
        await Assert.ThrowsAnyAsync<Exception>(() => _db.WriteAsync(tx => tx.AppendEvent(_shared, _alice, "x", "{}")));

        Assert.Empty(await IdsAsync(_alice));
    }
}
