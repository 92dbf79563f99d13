using Hallway.Core.Common;
using Hallway.Core.Messages;
using Hallway.Storage.Tests.Infrastructure;

namespace Hallway.Storage.Tests;

/// <summary>Full-text search: only the caller's chats, only live messages, queries as MessageRules builds them.</summary>
public sealed class SearchTests : TwoUsersStoreTest
{
    private Task<Message> SendAsync(long chatId, long senderId, string text) =>
        Db.WriteAsync(tx => Seed.Message(tx, chatId, senderId, text));

    private async Task<string[]> SearchAsync(long userId, string query, long? chatId = null) =>
        [.. (await Db.ReadAsync(r => r.Search(userId, MessageRules.SearchQuery(query), chatId, 50))).Select(m => m.Text)];

    [Fact]
    public async Task Search_FindsOnlyMessagesOfTheCallersChats()
    {
        await SendAsync(Shared, Bob, "pizza tonight?");
        await SendAsync(BobsOnly, Bob, "secret pizza plan");

        Assert.Equal(new[] { "pizza tonight?" }, await SearchAsync(Alice, "pizza"));
        Assert.Equal(new[] { "secret pizza plan", "pizza tonight?" }, await SearchAsync(Bob, "pizza"));
    }

    [Fact]
    public async Task Search_WithChatId_StaysInThatChat()
    {
        await SendAsync(Shared, Bob, "pizza in shared");
        await SendAsync(BobsOnly, Bob, "pizza in private");

        Assert.Equal(new[] { "pizza in private" }, await SearchAsync(Bob, "pizza", BobsOnly));

        // A chat the caller is not in finds nothing even when named.
        Assert.Empty(await SearchAsync(Alice, "pizza", BobsOnly));
    }

    [Fact]
    public async Task Search_AfterLeavingAChat_NoLongerFindsItsMessages()
    {
        await SendAsync(Shared, Bob, "farewell party");
        await Db.WriteAsync(tx => tx.DeleteMember(Shared, Alice));

        Assert.Empty(await SearchAsync(Alice, "farewell"));
    }

    [Fact]
    public async Task Search_SkipsDeletedMessages_AndFollowsEdits()
    {
        var deleted = await SendAsync(Shared, Alice, "delete this banana");
        var edited = await SendAsync(Shared, Alice, "old apple text");
        await Db.WriteAsync(tx =>
        {
            tx.TombstoneMessage(deleted.Id, Alice);
            tx.EditMessage(edited.Id, "new cherry text");
            return 0;
        });

        Assert.Empty(await SearchAsync(Alice, "banana"));
        Assert.Empty(await SearchAsync(Alice, "apple"));
        Assert.Equal(new[] { "new cherry text" }, await SearchAsync(Alice, "cherry"));
    }

    [Fact]
    public async Task Search_MatchesWordPrefixes_IgnoringCaseAndDiacritics()
    {
        await SendAsync(Shared, Bob, "Meet at the Café Français");
        await SendAsync(Shared, Bob, "ПРИВЕТ всем");

        Assert.Single(await SearchAsync(Alice, "cafe"));
        Assert.Single(await SearchAsync(Alice, "franc"));
        Assert.Single(await SearchAsync(Alice, "привет"));
        Assert.Single(await SearchAsync(Alice, "meet caf"));
        Assert.Empty(await SearchAsync(Alice, "meet zebra"));
    }

    [Theory]
    [InlineData("NEAR(a b)")]
    [InlineData("\"unbalanced")]
    [InlineData("x AND OR NOT y")]
    [InlineData("col:umn")]
    [InlineData("star* ^caret -minus +plus")]
    public async Task Search_OperatorsAndPunctuationInTheQuery_AreNeverASyntaxError(string query)
    {
        await SendAsync(Shared, Bob, "some text");

        var found = await Db.ReadAsync(r => r.Search(Alice, MessageRules.SearchQuery(query), null, 50));
        Assert.NotNull(found);
    }

    [Fact]
    public void Search_ForOnlySymbols_IsAnInvalidQueryNotASyntaxError()
    {
        // The index (unicode61) keeps letters and digits only, so an emoji-only search can match nothing.
        var error = Assert.Throws<HallwayException>(() => MessageRules.SearchQuery("😀 !!"));
        Assert.Equal("invalid_query", error.Code);
    }

    [Theory]
    [InlineData("send me an e-mail", "e-mail")]
    [InlineData("I don't know", "don't")]
    [InlineData("written in node.js", "node.js")]
    [InlineData("ship it at 10:30", "10:30")]
    public async Task Search_ForAWordWithPunctuation_FindsTheMessageContainingIt(string text, string query)
    {
        await SendAsync(Shared, Bob, text);

        Assert.Equal(new[] { text }, await SearchAsync(Alice, query));
    }

    [Fact]
    public async Task Search_NewestFirst_UpToTheLimit()
    {
        for (var i = 0; i < 5; i++)
        {
            await SendAsync(Shared, Bob, $"report number {i}");
        }

        var found = await Db.ReadAsync(r => r.Search(Alice, MessageRules.SearchQuery("report"), null, 3));
        Assert.Equal(["report number 4", "report number 3", "report number 2"], found.Select(m => m.Text));
    }
}
