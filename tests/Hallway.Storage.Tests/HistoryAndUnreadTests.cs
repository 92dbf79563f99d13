using Hallway.Storage.Tests.Infrastructure;

namespace Hallway.Storage.Tests;

public sealed class HistoryAndUnreadTests : StoreTest
{
    /// <summary>A chat with messages seq 1..<paramref name="count"/> whose text is their seq.</summary>
    private async Task<long> ChatWithMessagesAsync(int count)
    {
        return await Db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            var chat = Seed.Group(tx, user);
            for (var i = 1; i <= count; i++)
            {
                Seed.Message(tx, chat, user, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return chat;
        });
    }

    private async Task<long[]> SeqsAsync(long chatId, long? before, long? after, int limit) =>
        [.. (await Db.ReadAsync(r => r.History(chatId, before, after, limit))).Select(m => m.Seq)];

    [Fact]
    public async Task History_WithoutCursor_IsTheNewestPageInAscendingOrder()
    {
        var chat = await ChatWithMessagesAsync(10);

        Assert.Equal(new[] { 8L, 9L, 10L }, await SeqsAsync(chat, null, null, 3));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), await SeqsAsync(chat, null, null, 50));
    }

    [Theory]
    [InlineData(8, 3, new long[] { 5, 6, 7 })]
    [InlineData(3, 5, new long[] { 1, 2 })]
    [InlineData(1, 5, new long[0])]
    [InlineData(100, 2, new long[] { 9, 10 })]
    public async Task History_Before_PagesBackwards(long before, int limit, long[] expected)
    {
        var chat = await ChatWithMessagesAsync(10);
        Assert.Equal(expected, await SeqsAsync(chat, before, null, limit));
    }

    [Theory]
    [InlineData(0, 3, new long[] { 1, 2, 3 })]
    [InlineData(7, 2, new long[] { 8, 9 })]
    [InlineData(8, 5, new long[] { 9, 10 })]
    [InlineData(10, 5, new long[0])]
    public async Task History_After_PagesForwards(long after, int limit, long[] expected)
    {
        var chat = await ChatWithMessagesAsync(10);
        Assert.Equal(expected, await SeqsAsync(chat, null, after, limit));
    }

    [Fact]
    public async Task History_PagingBackwards_VisitsEveryMessageOnce()
    {
        var chat = await ChatWithMessagesAsync(23);
        var seen = new List<long>();
        long? before = null;
        while (true)
        {
            var page = await SeqsAsync(chat, before, null, 5);
            if (page.Length == 0)
            {
                break;
            }

            seen.InsertRange(0, page);
            before = page[0];
        }

        Assert.Equal(Enumerable.Range(1, 23).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task History_IsPerChat_AndKeepsTombstonesInPlace()
    {
        var (chat, other, deleted) = await Db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            var chat = Seed.Group(tx, user);
            var other = Seed.Group(tx, user);
            Seed.Message(tx, other, user, "elsewhere");
            Seed.Message(tx, chat, user, "kept");
            var gone = Seed.Message(tx, chat, user, "deleted soon");
            tx.TombstoneMessage(gone.Id, user);
            return (chat, other, gone.Id);
        });

        var history = await Db.ReadAsync(r => r.History(chat, null, null, 10));
        Assert.Equal([1L, 2L], history.Select(m => m.Seq));
        Assert.Equal(deleted, history[1].Id);
        Assert.True(history[1].Deleted);
        Assert.Equal(string.Empty, history[1].Text);
        Assert.Equal(["elsewhere"], (await Db.ReadAsync(r => r.History(other, null, null, 10))).Select(m => m.Text));
    }

    [Fact]
    public async Task UnreadCount_ExcludesOwnAndDeletedMessages()
    {
        var (chat, alice, bob) = await Db.WriteAsync(tx =>
        {
            var alice = Seed.User(tx);
            var bob = Seed.User(tx);
            var chat = Seed.Group(tx, alice, bob);

            // Nobody's read marker moves: both stay at 0.
            Seed.Message(tx, chat, alice, "a1", advanceRead: false);
            Seed.Message(tx, chat, bob, "b1", advanceRead: false);
            var a2 = Seed.Message(tx, chat, alice, "a2", advanceRead: false);
            Seed.Message(tx, chat, alice, "a3", advanceRead: false);
            Seed.Message(tx, chat, bob, "b2", advanceRead: false);
            var b3 = Seed.Message(tx, chat, bob, "b3", advanceRead: false);
            tx.TombstoneMessage(a2.Id, alice);
            tx.TombstoneMessage(b3.Id, bob);
            return (chat, alice, bob);
        });

        // For Bob: a1 and a3 (a2 is deleted; b1..b3 are his own).
        Assert.Equal(2, (await Db.ReadAsync(r => r.GetChatSummary(chat, bob)))!.UnreadCount);
        Assert.Equal(2, Assert.Single(await Db.ReadAsync(r => r.ListChats(bob))).UnreadCount);

        // For Alice: b1 and b2 (b3 is deleted).
        Assert.Equal(2, (await Db.ReadAsync(r => r.GetChatSummary(chat, alice)))!.UnreadCount);
    }

    [Fact]
    public async Task UnreadCount_SendingMovesTheSendersOwnMarker()
    {
        var (chat, alice, bob) = await Db.WriteAsync(tx =>
        {
            var alice = Seed.User(tx);
            var bob = Seed.User(tx);
            var chat = Seed.Group(tx, alice, bob);
            Seed.Message(tx, chat, alice, "a1");
            Seed.Message(tx, chat, alice, "a2");
            Seed.Message(tx, chat, bob, "b1");
            return (chat, alice, bob);
        });

        Assert.Equal(1, (await Db.ReadAsync(r => r.GetChatSummary(chat, alice)))!.UnreadCount);
        Assert.Equal(0, (await Db.ReadAsync(r => r.GetChatSummary(chat, bob)))!.UnreadCount);
    }

    [Fact]
    public async Task UnreadCount_DropsAsTheReadMarkerAdvances_AndNeverMovesBack()
    {
        var (chat, bob) = await Db.WriteAsync(tx =>
        {
            var alice = Seed.User(tx);
            var bob = Seed.User(tx);
            var chat = Seed.Group(tx, alice, bob);
            for (var i = 0; i < 5; i++)
            {
                Seed.Message(tx, chat, alice, "m" + i);
            }

            return (chat, bob);
        });

        Assert.True(await Db.WriteAsync(tx => tx.AdvanceRead(chat, bob, 3)));
        Assert.Equal(2, (await Db.ReadAsync(r => r.GetChatSummary(chat, bob)))!.UnreadCount);

        Assert.False(await Db.WriteAsync(tx => tx.AdvanceRead(chat, bob, 1)));
        var summary = (await Db.ReadAsync(r => r.GetChatSummary(chat, bob)))!;
        Assert.Equal((3L, 2L), (summary.ReadSeq, summary.UnreadCount));

        await Db.WriteAsync(tx => tx.AdvanceRead(chat, bob, 5));
        Assert.Equal(0, (await Db.ReadAsync(r => r.GetChatSummary(chat, bob)))!.UnreadCount);
    }

    [Fact]
    public async Task ChatSummary_CarriesTheLastMessage()
    {
        var (chat, user) = await Db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            var chat = Seed.Group(tx, user);
            Seed.Message(tx, chat, user, "first");
            Seed.Message(tx, chat, user, "latest");
            return (chat, user);
        });

        Assert.Equal("latest", (await Db.ReadAsync(r => r.GetChatSummary(chat, user)))!.LastMessage!.Text);
    }

    [Fact]
    public async Task ListChats_LeavesOutHiddenChats()
    {
        var (shown, hidden, user) = await Db.WriteAsync(tx =>
        {
            var user = Seed.User(tx);
            var shown = Seed.Group(tx, user);
            var hidden = Seed.Group(tx, user);
            tx.SetHidden(hidden, user, true);
            return (shown, hidden, user);
        });

        Assert.Equal([shown], (await Db.ReadAsync(r => r.ListChats(user))).Select(s => s.Chat.Id));
        Assert.NotNull(await Db.ReadAsync(r => r.GetChatSummary(hidden, user)));
    }
}
