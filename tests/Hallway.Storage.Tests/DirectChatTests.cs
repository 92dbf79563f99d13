using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Tests;

/// <summary>One direct chat per pair of users, enforced by the direct_key column.</summary>
public sealed class DirectChatTests : StoreTest
{
    [Fact]
    public async Task InsertChat_WithATakenDirectKey_FailsAndKeepsTheFirst()
    {
        var (alice, bob) = await Db.WriteAsync(tx => (Seed.User(tx), Seed.User(tx)));
        var key = ChatService.DirectKey(alice, bob);
        var first = await Db.WriteAsync(tx => tx.InsertChat(new NewChat(ChatKind.Direct, "", "", alice, key, tx.Now)));

        var error = await Assert.ThrowsAsync<SqliteException>(() =>
            Db.WriteAsync(tx => tx.InsertChat(new NewChat(ChatKind.Direct, "", "", bob, key, tx.Now))));

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT (UNIQUE)
        Assert.Equal(first, await Db.ReadAsync(r => r.FindDirectChat(key)));
    }

    [Fact]
    public async Task FindDirectChat_UnknownKey_IsNull()
    {
        Assert.Null(await Db.ReadAsync(r => r.FindDirectChat("1:2")));
    }

    [Fact]
    public async Task GroupsWithoutDirectKey_DoNotCollide()
    {
        var owner = await Db.WriteAsync(tx => Seed.User(tx));

        var groups = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Db.WriteAsync(tx => Seed.Group(tx, owner))));

        Assert.Equal(5, groups.Distinct().Count());
    }

    [Theory]
    [InlineData(3, 17, "3:17")]
    [InlineData(17, 3, "3:17")]
    [InlineData(9, 10, "9:10")] // numeric, not string, order
    [InlineData(5, 5, "5:5")]
    public void DirectKey_IsTheSameFromBothSides(long a, long b, string key) =>
        Assert.Equal(key, ChatService.DirectKey(a, b));

    [Fact]
    public async Task OpenDirect_FromBothSidesAtOnce_GivesOneChat()
    {
        var (alice, bob) = await CallersAsync();
        var chats = new ChatService(Db.Store, new HallwayLimits());

        var opened = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            i % 2 == 0 ? chats.OpenDirectAsync(alice, bob.Id) : chats.OpenDirectAsync(bob, alice.Id)));

        var chatId = Assert.Single(opened.Select(s => s.Chat.Id).Distinct());
        Assert.Equal(chatId, await Db.ReadAsync(r => r.FindDirectChat(ChatService.DirectKey(alice.Id, bob.Id))));
        Assert.Equal([alice.Id, bob.Id], (await Db.ReadAsync(r => r.MemberIds(chatId))).Order());
        Assert.All(opened.Where(s => s.PeerId is not null), s => Assert.Contains(s.PeerId!.Value, new[] { alice.Id, bob.Id }));
    }

    private async Task<(Caller Alice, Caller Bob)> CallersAsync()
    {
        var (a, b) = await Db.WriteAsync(tx => (Seed.User(tx), Seed.User(tx)));
        var users = await Db.ReadAsync(r => r.GetUsers([a, b]));
        return (new Caller(users[0], 1), new Caller(users[1], 2));
    }
}
