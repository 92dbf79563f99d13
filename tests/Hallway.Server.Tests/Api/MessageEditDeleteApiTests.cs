using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Editing and deleting messages: who may, and what everyone sees afterwards.</summary>
public sealed class MessageEditDeleteApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Edit_OwnMessage_ChangesTextAndSetsEditedAt()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var sent = await alice.SendAsync(chatId, "helo");
        var cursor = await bob.CursorAsync();

        var response = await alice.Api.PatchAsync($"/api/messages/{sent.Long("id")}", new { text = "hello" });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("hello", response.Json.Str("text"));
        Assert.False(response.Json.IsNull("editedAt"));
        var seen = await bob.MessageAsync(sent.Long("id"));
        Assert.Equal("hello", seen.Str("text"));
        Assert.False(seen.IsNull("editedAt"));
        Assert.Equal(sent.Long("seq"), seen.Long("seq"));
        var edited = Assert.Single(await bob.NewEventsAsync(cursor, chatId));
        Assert.Equal("message.edited", edited.Str("type"));
    }

    [Fact]
    public async Task Edit_SomeoneElsesMessage_IsRejectedWithNotYourMessage()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group", bob);
        await alice.SetRoleAsync(chatId, bob, "admin"); // even a chat admin may not edit others' words
        var sent = await alice.SendAsync(chatId, "original");
        var cursor = await alice.CursorAsync();

        (await bob.Api.PatchAsync($"/api/messages/{sent.Long("id")}", new { text = "forged" })).AssertProblem(HttpStatusCode.Forbidden, "not_your_message");

        var stored = await alice.MessageAsync(sent.Long("id"));
        Assert.Equal("original", stored.Str("text"));
        Assert.True(stored.IsNull("editedAt"));
        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task Edit_ToEmptyOrTooLong_IsRejectedAndKeepsTheText()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var sent = await alice.SendAsync(chatId, "keep me");

        (await alice.Api.PatchAsync($"/api/messages/{sent.Long("id")}", new { text = "  " })).AssertProblem(HttpStatusCode.BadRequest, "message_empty");
        (await alice.Api.PatchAsync($"/api/messages/{sent.Long("id")}", new { text = new string('y', 4001) })).AssertProblem(HttpStatusCode.BadRequest, "message_too_long");

        Assert.Equal(["keep me"], await alice.TextsAsync(chatId));
    }

    [Fact]
    public async Task Edit_DeletedMessage_Is409MessageDeleted()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var sent = await alice.SendAsync(chatId, "gone soon");
        (await alice.Api.DeleteAsync($"/api/messages/{sent.Long("id")}")).AssertStatus(HttpStatusCode.OK);

        (await alice.Api.PatchAsync($"/api/messages/{sent.Long("id")}", new { text = "revived" })).AssertProblem(HttpStatusCode.Conflict, "message_deleted");

        Assert.Equal(string.Empty, (await alice.MessageAsync(sent.Long("id"))).Str("text"));
    }

    [Fact]
    public async Task Edit_UnknownMessage_Is404MessageNotFound()
    {
        var alice = await Server.RegisterAsync();
        (await alice.Api.PatchAsync("/api/messages/987654321", new { text = "x" })).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
    }

    [Fact]
    public async Task Delete_OwnMessage_LeavesATombstoneOthersSee()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var sent = await alice.SendAsync(chatId, "oops");
        await bob.SendAsync(chatId, "after");
        var cursor = await bob.CursorAsync();

        var response = await alice.Api.DeleteAsync($"/api/messages/{sent.Long("id")}");

        response.AssertStatus(HttpStatusCode.OK);
        var history = await bob.HistoryAsync(chatId);
        Assert.Equal(2, history.Length);
        var tombstone = history[0];
        Assert.Equal(sent.Long("id"), tombstone.Long("id"));
        Assert.Equal(sent.Long("seq"), tombstone.Long("seq"));
        Assert.Equal(string.Empty, tombstone.Str("text"));
        Assert.False(tombstone.IsNull("deletedAt"));
        Assert.Equal(alice.Id, tombstone.Long("deletedBy"));
        var deleted = Assert.Single(await bob.NewEventsAsync(cursor, chatId));
        Assert.Equal("message.deleted", deleted.Str("type"));
        Assert.Equal(sent.Long("id"), deleted.GetProperty("payload").Long("messageId"));
    }

    [Fact]
    public async Task Delete_Twice_IsANoOp()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var sent = await alice.SendAsync(chatId, "x");
        (await alice.Api.DeleteAsync($"/api/messages/{sent.Long("id")}")).AssertStatus(HttpStatusCode.OK);
        var cursor = await alice.CursorAsync();

        (await alice.Api.DeleteAsync($"/api/messages/{sent.Long("id")}")).AssertStatus(HttpStatusCode.OK);

        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task Delete_SomeoneElsesMessageAsPlainMember_IsRejectedWithNotYourMessage()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);
        var sent = await owner.SendAsync(chatId, "owner speaks");
        var cursor = await owner.CursorAsync();

        (await member.Api.DeleteAsync($"/api/messages/{sent.Long("id")}")).AssertProblem(HttpStatusCode.Forbidden, "not_your_message");

        Assert.Equal(["owner speaks"], await owner.TextsAsync(chatId));
        await owner.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task Delete_InADirectChat_PeerCannotDeleteYourMessage()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var sent = await alice.SendAsync(chatId, "mine");

        (await bob.Api.DeleteAsync($"/api/messages/{sent.Long("id")}")).AssertProblem(HttpStatusCode.Forbidden, "not_your_message");

        Assert.Equal(["mine"], await alice.TextsAsync(chatId));
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("admin")]
    public async Task Delete_GroupOwnerOrAdmin_DeletesAnyMessage(string role)
    {
        var owner = await Server.RegisterAsync();
        var admin = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", admin, member);
        await owner.SetRoleAsync(chatId, admin, "admin");
        var moderator = role == "owner" ? owner : admin;
        var sent = await member.SendAsync(chatId, "rule breaking");

        (await moderator.Api.DeleteAsync($"/api/messages/{sent.Long("id")}")).AssertStatus(HttpStatusCode.OK);

        var seen = await member.MessageAsync(sent.Long("id"));
        Assert.Equal(string.Empty, seen.Str("text"));
        Assert.Equal(moderator.Id, seen.Long("deletedBy"));
    }

    [Fact]
    public async Task Delete_RemovesTheReactions()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var sent = await alice.SendAsync(chatId, "react to me");
        (await bob.Api.PutAsync(ApiTestHelpers.Reaction(sent.Long("id"), "👍"))).AssertStatus(HttpStatusCode.OK);

        var deleted = await alice.Api.DeleteAsync($"/api/messages/{sent.Long("id")}");

        Assert.Empty(deleted.Json.GetProperty("reactions").Items());
        Assert.Empty((await bob.MessageAsync(sent.Long("id"))).GetProperty("reactions").Items());
    }

    [Fact]
    public async Task Edit_ToTheSameText_ChangesNothingAndLogsNoEvent()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var sent = await alice.SendAsync(chatId, "same");
        var cursor = await alice.CursorAsync();

        var response = await alice.Api.PatchAsync($"/api/messages/{sent.Long("id")}", new { text = "  same " });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.True(response.Json.IsNull("editedAt"));
        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }
}
