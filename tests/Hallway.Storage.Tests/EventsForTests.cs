using Hallway.Core.Chats;
using Hallway.Storage.Tests.Infrastructure;

namespace Hallway.Storage.Tests;

/// <summary>What a user replays: events of the chats they are in now, and their own user events.</summary>
public sealed class EventsForTests : TwoUsersStoreTest
{
    private async Task<long[]> IdsAsync(long userId, long after = 0, int limit = 1000) =>
        [.. (await Db.ReadAsync(r => r.EventsFor(userId, after, limit))).Select(e => e.Id)];

    [Fact]
    public async Task EventsFor_ChatEventsOfMembershipsPlusOwnUserEvents()
    {
        var (sharedEvent, bobsOnlyEvent, aliceEvent, bobEvent, sharedAgain) = await Db.WriteAsync(tx => (
            Seed.ChatEvent(tx, Shared).Id,
            Seed.ChatEvent(tx, BobsOnly).Id,
            Seed.UserEvent(tx, Alice).Id,
            Seed.UserEvent(tx, Bob).Id,
            Seed.ChatEvent(tx, Shared).Id));

        Assert.Equal(new[] { sharedEvent, aliceEvent, sharedAgain }, await IdsAsync(Alice));
        Assert.Equal(new[] { sharedEvent, bobsOnlyEvent, bobEvent, sharedAgain }, await IdsAsync(Bob));
    }

    [Fact]
    public async Task EventsFor_AfterIdAndLimit_PageInIdOrder()
    {
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await Db.WriteAsync(tx => Seed.ChatEvent(tx, Shared).Id));
        }

        Assert.Equal(ids.Take(3), await IdsAsync(Alice, 0, 3));
        Assert.Equal(ids.Skip(3).Take(3), await IdsAsync(Alice, ids[2], 3));
        Assert.Equal(ids.Skip(6), await IdsAsync(Alice, ids[5], 3));
        Assert.Empty(await IdsAsync(Alice, ids[6], 3));
    }

    [Fact]
    public async Task EventsFor_AfterLeaving_TheChatsEventsAreNoLongerReplayed()
    {
        var before = await Db.WriteAsync(tx => Seed.ChatEvent(tx, Shared).Id);
        var own = await Db.WriteAsync(tx =>
        {
            tx.DeleteMember(Shared, Alice);
            return Seed.UserEvent(tx, Alice, Hallway.Core.Events.EventTypes.ChatRemoved).Id;
        });
        await Db.WriteAsync(tx => Seed.ChatEvent(tx, Shared).Id);

        Assert.DoesNotContain(before, await IdsAsync(Alice));
        Assert.Equal(new[] { own }, await IdsAsync(Alice));
    }

    [Fact]
    public async Task EventsFor_AfterJoining_TheChatsEventsAreReplayed()
    {
        var earlier = await Db.WriteAsync(tx => Seed.ChatEvent(tx, BobsOnly).Id);
        await Db.WriteAsync(tx =>
        {
            tx.InsertMember(BobsOnly, Alice, MemberRole.Member);
            return 0;
        });
        var later = await Db.WriteAsync(tx => Seed.ChatEvent(tx, BobsOnly).Id);

        Assert.Equal(new[] { earlier, later }, await IdsAsync(Alice));
    }

    [Fact]
    public async Task EventsFor_CarriesTheStoredFields()
    {
        var appended = await Db.WriteAsync(tx => tx.AppendEvent(Shared, null, "chat.updated", """{"x":1}"""));

        var stored = Assert.Single(await Db.ReadAsync(r => r.EventsFor(Alice, 0, 10)));
        Assert.Equal(appended, stored);
        Assert.Equal(appended.Id, await Db.ReadAsync(r => r.LastEventId()));
    }

    [Fact]
    public async Task AppendEvent_NeedsExactlyOneAudience()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Db.WriteAsync(tx => tx.AppendEvent(null, null, "x", "{}")));
        await Assert.ThrowsAnyAsync<Exception>(() => Db.WriteAsync(tx => tx.AppendEvent(Shared, Alice, "x", "{}")));

        Assert.Empty(await IdsAsync(Alice));
    }
}
