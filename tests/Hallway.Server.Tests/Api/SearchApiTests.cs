using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>
/// Full-text search over messages. Every test puts a unique marker word in its messages and in its
/// query (words are AND-ed), so results never depend on other tests' data.
/// </summary>
public sealed class SearchApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private static string Marker() => "mk" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<string[]> SearchAsync(TestUser user, string query, long? chatId = null)
    {
        var path = $"/api/search?q={Uri.EscapeDataString(query)}" + (chatId is null ? string.Empty : $"&chatId={chatId}");
        var response = await user.Api.GetAsync(path);
        response.AssertStatus(HttpStatusCode.OK);
        return [.. response["messages"].Items().Select(m => m.Str("text"))];
    }

    [Fact]
    public async Task Search_LatinWordIgnoringCase_FindsTheMessage()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var marker = Marker();
        await alice.SendAsync(chatId, $"Meeting moved to Thursday {marker}");
        await alice.SendAsync(chatId, $"Lunch is at noon {marker}");

        Assert.Equal([$"Meeting moved to Thursday {marker}"], await SearchAsync(alice, $"THURSDAY {marker}"));
        Assert.Equal([$"Meeting moved to Thursday {marker}"], await SearchAsync(alice, $"meeting {marker.ToUpperInvariant()}"));
    }

    [Fact]
    public async Task Search_CyrillicWordIgnoringCase_FindsTheMessage()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var marker = Marker();
        var text = $"Привет всем, собрание в четверг {marker}";
        await alice.SendAsync(chatId, text);

        Assert.Equal([text], await SearchAsync(alice, $"привет {marker}"));
        Assert.Equal([text], await SearchAsync(alice, $"ЧЕТВЕРГ {marker}"));
        Assert.Equal([text], await SearchAsync(alice, $"Собрание {marker}"));
    }

    [Fact]
    public async Task Search_WordPrefix_FindsTheMessage()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var marker = Marker();
        await alice.SendAsync(chatId, $"deployment finished {marker}");
        await alice.SendAsync(chatId, $"развёртывание закончено {marker}");

        Assert.Equal([$"deployment finished {marker}"], await SearchAsync(alice, $"deploy {marker}"));
        Assert.Equal([$"развёртывание закончено {marker}"], await SearchAsync(alice, $"закон {marker}"));
        Assert.Equal(2, (await SearchAsync(alice, marker[..8])).Length);
    }

    [Fact]
    public async Task Search_WithoutDiacritics_FindsAccentedWords()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var marker = Marker();
        await alice.SendAsync(chatId, $"Café crème {marker}");

        Assert.Single(await SearchAsync(alice, $"cafe creme {marker}"));
    }

    [Fact]
    public async Task Search_QueryWithAnApostrophe_FindsTheWordAsWritten()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var marker = Marker();
        await alice.SendAsync(chatId, $"please don't panic {marker}");

        Assert.Single(await SearchAsync(alice, $"don't {marker}"));
    }

    [Fact]
    public async Task Search_ResultsAreNewestFirst()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var marker = Marker();
        await alice.SendAsync(chatId, $"one {marker}");
        await alice.SendAsync(chatId, $"two {marker}");
        await alice.SendAsync(chatId, $"three {marker}");

        Assert.Equal([$"three {marker}", $"two {marker}", $"one {marker}"], await SearchAsync(alice, marker));
    }

    [Fact]
    public async Task Search_OnlyFindsMessagesOfChatsYouAreIn()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var carol = await Server.RegisterAsync();
        var marker = Marker();
        await bob.SendAsync(await bob.OpenDirectAsync(carol), $"secret between bob and carol {marker}");
        await alice.SendAsync(await alice.OpenDirectAsync(bob), $"alice to bob {marker}");

        Assert.Equal([$"alice to bob {marker}"], await SearchAsync(alice, marker));
        Assert.Equal(2, (await SearchAsync(bob, marker)).Length);
    }

    [Fact]
    public async Task Search_AfterLeavingAChat_NoLongerFindsItsMessages()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);
        var marker = Marker();
        await owner.SendAsync(chatId, $"group talk {marker}");
        Assert.Single(await SearchAsync(member, marker));

        (await member.Api.DeleteAsync($"/api/chats/{chatId}/members/{member.Id}")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Empty(await SearchAsync(member, marker));
    }

    [Fact]
    public async Task Search_WithChatId_OnlyLooksInThatChat()
    {
        var alice = await Server.RegisterAsync();
        var chat1 = await alice.CreateChatAsync("group");
        var chat2 = await alice.CreateChatAsync("group");
        var marker = Marker();
        await alice.SendAsync(chat1, $"in chat one {marker}");
        await alice.SendAsync(chat2, $"in chat two {marker}");

        Assert.Equal([$"in chat one {marker}"], await SearchAsync(alice, marker, chat1));
    }

    [Fact]
    public async Task Search_DeletedMessages_AreNotFound()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var marker = Marker();
        var sent = await alice.SendAsync(chatId, $"regrettable words {marker}");
        (await alice.Api.DeleteAsync($"/api/messages/{sent.Long("id")}")).AssertStatus(HttpStatusCode.OK);

        Assert.Empty(await SearchAsync(alice, marker));
        Assert.Empty(await SearchAsync(alice, $"regrettable {marker}"));
    }

    [Fact]
    public async Task Search_EditedMessage_IsFoundByItsNewTextOnly()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var marker = Marker();
        var sent = await alice.SendAsync(chatId, $"teh typo {marker}");
        (await alice.Api.PatchAsync($"/api/messages/{sent.Long("id")}", new { text = $"the fix {marker}" })).AssertStatus(HttpStatusCode.OK);

        Assert.Empty(await SearchAsync(alice, $"teh {marker}"));
        Assert.Equal([$"the fix {marker}"], await SearchAsync(alice, $"fix {marker}"));
    }

    [Theory]
    [InlineData("AND OR NOT")]
    [InlineData("NEAR(a b)")]
    [InlineData("\"unbalanced")]
    [InlineData("col:umn")]
    [InlineData("star* ^caret")]
    public async Task Search_FtsOperatorsInTheQuery_AreTakenAsPlainWords(string query)
    {
        var alice = await Server.RegisterAsync();
        var response = await alice.Api.GetAsync($"/api/search?q={Uri.EscapeDataString(query + " " + Marker())}");

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(response["messages"].Items());
    }

    [Theory]
    [InlineData("!!! ???")]
    [InlineData("...")]
    [InlineData("\"*\"")]
    [InlineData("   ")]
    public async Task Search_PunctuationOrBlankQuery_IsRejectedWithInvalidQuery(string query)
    {
        var alice = await Server.RegisterAsync();
        (await alice.Api.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_query");
    }

    [Fact]
    public async Task Search_MissingOrTooLongQuery_IsRejectedWithInvalidQuery()
    {
        var alice = await Server.RegisterAsync();
        (await alice.Api.GetAsync("/api/search")).AssertProblem(HttpStatusCode.BadRequest, "invalid_query");
        (await alice.Api.GetAsync($"/api/search?q={new string('a', 201)}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_query");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task Search_LimitOutOfRange_IsRejectedWithInvalidLimit(int limit)
    {
        var alice = await Server.RegisterAsync();
        (await alice.Api.GetAsync($"/api/search?q=hello&limit={limit}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_limit");
    }

    [Fact]
    public async Task Search_Limit_CapsTheResults()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var marker = Marker();
        for (var i = 0; i < 3; i++)
        {
            await alice.SendAsync(chatId, $"item {i} {marker}");
        }

        var response = await alice.Api.GetAsync($"/api/search?q={marker}&limit=2");

        Assert.Equal(2, response["messages"].GetArrayLength());
    }
}
