using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Storage.Tests.Infrastructure;

namespace Hallway.Storage.Tests;

/// <summary>A user's chat list: newest activity first, direct peers, stored times.</summary>
public sealed class ChatListTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private TempStore _db = null!;

    public Task InitializeAsync()
    {
        _db = TempStore.Create(_clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ListChats_NewestActivityFirst()
    {
        var (user, quiet, busy) = await _db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            return (user, Seed.Group(tx, user), Seed.Group(tx, user));
        });
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _db.WriteAsync(tx => Seed.Message(tx, quiet, user, "old news"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var fresh = await _db.WriteAsync(tx => Seed.Group(tx, user)); // created after quiet's message, no messages
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _db.WriteAsync(tx => Seed.Message(tx, busy, user, "latest"));

        var order = (await _db.ReadAsync(r => r.ListChats(user))).Select(s => s.Chat.Id);

        Assert.Equal(new[] { busy, fresh, quiet }, order);
    }

    [Fact]
    public async Task Message_TimesAreStoredToTheMillisecond()
    {
        _clock.Advance(TimeSpan.FromTicks(12_345)); // 1.2345 ms: below a millisecond is dropped
        var (chat, user) = await _db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            return (Seed.Group(tx, user), user);
        });
        var sent = await _db.WriteAsync(tx => Seed.Message(tx, chat, user, "when?"));

        var stored = (await _db.ReadAsync(r => r.GetMessage(sent.Id)))!;
        Assert.Equal(sent.CreatedAt, stored.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds()), stored.CreatedAt);
    }

    [Fact]
    public async Task DirectChatSummary_NamesThePeer_AndYourselfInANoteToSelf()
    {
        var (aliceId, bobId) = await _db.WriteAsync(tx => (Seed.User(tx), Seed.User(tx)));
        var users = await _db.ReadAsync(r => r.GetUsers([aliceId, bobId]));
        var alice = new Caller(users[0], 1);
        var chats = new ChatService(_db.Store, new HallwayLimits());

        var withBob = await chats.OpenDirectAsync(alice, bobId);
        var withSelf = await chats.OpenDirectAsync(alice, aliceId);

        Assert.Equal(bobId, withBob.PeerId);
        Assert.Equal(aliceId, withSelf.PeerId);
        Assert.Equal(aliceId, (await _db.ReadAsync(r => r.GetChatSummary(withBob.Chat.Id, bobId)))!.PeerId);
        Assert.Equal([aliceId], await _db.ReadAsync(r => r.MemberIds(withSelf.Chat.Id)));
    }
}
