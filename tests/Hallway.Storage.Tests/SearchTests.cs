using Hallway.Core.Common;
using Hallway.Core.Messages;
using Hallway.Storage.Tests.Infrastructure;

namespace Hallway.Storage.Tests;

/// <summary>Full-text search: only the caller's chats, only live messages, queries as MessageRules builds them.</summary>
public sealed class SearchTests : IAsyncLifetime
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

    private Task<Message> SendAsync(long chatId, long senderId, string text) =>
        _db.WriteAsync(tx => Seed.Message(tx, chatId, senderId, text));

    private async Task<string[]> SearchAsync(long userId, string query, long? chatId = null) =>
        [.. (await _db.ReadAsync(r => r.Search(userId, MessageRules.SearchQuery(query), chatId, 50))).Select(m => m.Text)];

    [Fact]
    public async Task Search_FindsOnlyMessagesOfTheCallersChats()
    {
        await SendAsync(_shared, _bob, "pizza tonight?");
        await SendAsync(_bobsOnly, _bob, "secret pizza plan");

        Assert.Equal(new[] { "pizza tonight?" }, await SearchAsync(_alice, "pizza"));
        Assert.Equal(new[] { "secret pizza plan", "pizza tonight?" }, await SearchAsync(_bob, "pizza"));
    }

    [Fact]
    public async Task Search_WithChatId_StaysInThatChat()
    {
        await SendAsync(_shared, _bob, "pizza in shared");
        await SendAsync(_bobsOnly, _bob, "pizza in private");

        Assert.Equal(new[] { "pizza in private" }, await SearchAsync(_bob, "pizza", _bobsOnly));

        // A chat the caller is not in finds nothing even when named.
        Assert.Empty(await SearchAsync(_alice, "pizza", _bobsOnly));
    }

    [Fact]
    public async Task Search_AfterLeavingAChat_NoLongerFindsItsMessages()
    {
        await SendAsync(_shared, _bob, "farewell party");
        await _db.WriteAsync(tx => tx.DeleteMember(_shared, _alice));

        Assert.Empty(await SearchAsync(_alice, "farewell"));
    }

    [Fact]
    public async Task Search_SkipsDeletedMessages_AndFollowsEdits()
    {
        var deleted = await SendAsync(_shared, _alice, "delete this banana");
        var edited = await SendAsync(_shared, _alice, "old apple text");
        await _db.WriteAsync(tx =>
        {
            tx.TombstoneMessage(deleted.Id, _alice);
            tx.EditMessage(edited.Id, "new cherry text");
            return 0;
        });

        Assert.Empty(await SearchAsync(_alice, "banana"));
        Assert.Empty(await SearchAsync(_alice, "apple"));
        Assert.Equal(new[] { "new cherry text" }, await SearchAsync(_alice, "cherry"));
    }

    [Fact]
    public async Task Search_MatchesWordPrefixes_IgnoringCaseAndDiacritics()
    {
        await SendAsync(_shared, _bob, "Meet at the Café Français");
        await SendAsync(_shared, _bob, "ПРИВЕТ всем");

        Assert.Single(await SearchAsync(_alice, "cafe"));
        Assert.Single(await SearchAsync(_alice, "franc"));
        Assert.Single(await SearchAsync(_alice, "привет"));
        Assert.Single(await SearchAsync(_alice, "meet caf"));
        Assert.Empty(await SearchAsync(_alice, "meet zebra"));
    }

    [Theory]
    [InlineData("NEAR(a b)")]
    [InlineData("\"unbalanced")]
    [InlineData("x AND OR NOT y")]
    [InlineData("col:umn")]
    [InlineData("star* ^caret -minus +plus")]
    public async Task Search_OperatorsAndPunctuationInTheQuery_AreNeverASyntaxError(string query)
    {
        await SendAsync(_shared, _bob, "some text");

        var found = await _db.ReadAsync(r => r.Search(_alice, MessageRules.SearchQuery(query), null, 50));
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
        await SendAsync(_shared, _bob, text);

        Assert.Equal(new[] { text }, await SearchAsync(_alice, query));
    }

    [Fact]
    public async Task Search_NewestFirst_UpToTheLimit()
    {
        for (var i = 0; i < 5; i++)
        {
            await SendAsync(_shared, _bob, $"report number {i}");
        }

        var found = await _db.ReadAsync(r => r.Search(_alice, MessageRules.SearchQuery("report"), null, 3));
        Assert.Equal(["report number 4", "report number 3", "report number 2"], found.Select(m => m.Text));
    }
}
