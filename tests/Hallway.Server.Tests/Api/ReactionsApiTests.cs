using System.Net;
using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Emoji reactions: add and remove, both idempotent.</summary>
public sealed class ReactionsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private static long[] UsersOf(JsonElement message, string emoji) =>
        [.. message.GetProperty("reactions").Items().Where(r => r.Str("emoji") == emoji).SelectMany(r => r.GetProperty("userIds").Items()).Select(u => u.GetInt64())];

    [Fact]
    public async Task React_AddThenRemove_ShowsOnTheMessage()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var sent = await alice.SendAsync(chatId, "nice?");

        var added = await bob.Api.PutAsync(ApiTestHelpers.Reaction(sent.Long("id"), "👍"));
        added.AssertStatus(HttpStatusCode.OK);
        Assert.Equal([bob.Id], UsersOf(added.Json, "👍"));
        Assert.Equal([bob.Id], UsersOf(await alice.MessageAsync(sent.Long("id")), "👍"));

        var removed = await bob.Api.DeleteAsync(ApiTestHelpers.Reaction(sent.Long("id"), "👍"));
        removed.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(removed.Json.GetProperty("reactions").Items());
    }

    [Fact]
    public async Task React_AddingTwice_IsIdempotentAndLogsOneEvent()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var sent = await alice.SendAsync(chatId, "x");
        var cursor = await alice.CursorAsync();

        (await alice.Api.PutAsync(ApiTestHelpers.Reaction(sent.Long("id"), "🎉"))).AssertStatus(HttpStatusCode.OK);
        var again = await alice.Api.PutAsync(ApiTestHelpers.Reaction(sent.Long("id"), "🎉"));

        again.AssertStatus(HttpStatusCode.OK);
        Assert.Equal([alice.Id], UsersOf(again.Json, "🎉"));
        var events = await alice.NewEventsAsync(cursor, chatId);
        Assert.Equal(["reaction.added"], events.Select(e => e.Str("type")));
    }

    [Fact]
    public async Task React_RemovingOneNeverAdded_IsANoOp()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var sent = await alice.SendAsync(chatId, "x");
        var cursor = await alice.CursorAsync();

        (await alice.Api.DeleteAsync(ApiTestHelpers.Reaction(sent.Long("id"), "🎉"))).AssertStatus(HttpStatusCode.OK);

        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task React_SeveralUsersAndEmoji_AreGroupedByEmoji()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group", bob);
        var sent = await alice.SendAsync(chatId, "vote");

        (await alice.Api.PutAsync(ApiTestHelpers.Reaction(sent.Long("id"), "👍"))).AssertStatus(HttpStatusCode.OK);
        (await bob.Api.PutAsync(ApiTestHelpers.Reaction(sent.Long("id"), "👍"))).AssertStatus(HttpStatusCode.OK);
        (await bob.Api.PutAsync(ApiTestHelpers.Reaction(sent.Long("id"), "❤️"))).AssertStatus(HttpStatusCode.OK);

        var message = await alice.MessageAsync(sent.Long("id"));
        Assert.Equal(new[] { alice.Id, bob.Id }.Order(), UsersOf(message, "👍").Order());
        Assert.Equal([bob.Id], UsersOf(message, "❤️"));
    }

    [Fact]
    public async Task React_ZwjSequenceEmoji_IsAccepted()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var sent = await alice.SendAsync(chatId, "family");

        var response = await alice.Api.PutAsync(ApiTestHelpers.Reaction(sent.Long("id"), "👩‍👩‍👧"));

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal([alice.Id], UsersOf(response.Json, "👩‍👩‍👧"));
    }

    [Theory]
    [InlineData("1\uFE0F\u20E3")] // keycap digit one
    [InlineData("#\uFE0F\u20E3")] // keycap number sign
    [InlineData("\U0001F1FA\U0001F1E6")] // a flag: two regional indicators
    [InlineData("\U0001F44D\U0001F3FD")] // thumbs up with a skin tone
    public async Task React_StandardEmojiSequences_AreAccepted(string emoji)
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var sent = await alice.SendAsync(chatId, "emoji");

        var response = await alice.Api.PutAsync(ApiTestHelpers.Reaction(sent.Long("id"), emoji));

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal([alice.Id], UsersOf(response.Json, emoji));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("+1")]
    [InlineData(":)")]
    [InlineData("👍 👍")]
    [InlineData("👍👍👍👍👍👍👍👍👍")]
    public async Task React_NotAnEmoji_IsRejectedWithInvalidEmoji(string emoji)
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var sent = await alice.SendAsync(chatId, "x");

        (await alice.Api.PutAsync(ApiTestHelpers.Reaction(sent.Long("id"), emoji))).AssertProblem(HttpStatusCode.BadRequest, "invalid_emoji");

        Assert.Empty((await alice.MessageAsync(sent.Long("id"))).GetProperty("reactions").Items());
    }

    [Fact]
    public async Task React_OnADeletedMessage_Is409MessageDeleted()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var sent = await alice.SendAsync(chatId, "x");
        (await alice.Api.DeleteAsync($"/api/messages/{sent.Long("id")}")).AssertStatus(HttpStatusCode.OK);

        (await alice.Api.PutAsync(ApiTestHelpers.Reaction(sent.Long("id"), "👍"))).AssertProblem(HttpStatusCode.Conflict, "message_deleted");
    }

    [Fact]
    public async Task React_UnknownMessage_Is404MessageNotFound()
    {
        var alice = await Server.RegisterAsync();
        (await alice.Api.PutAsync(ApiTestHelpers.Reaction(987654321, "👍"))).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
    }
}
