using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>Edit, delete, react and read over the socket: an answer for the caller, an event for the chat.</summary>
public sealed class MessageEventsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Edit_AnswersWithTheMessage_PeerGetsMessageEdited()
    {
        var (chat, aliceSocket, bobSocket) = await SetUpAsync();
        await using var _ = aliceSocket;
        await using var __ = bobSocket;
        var messageId = await SendAsync(aliceSocket, chat.Id, "frist");

        var edited = (await aliceSocket.RequestOkAsync("edit", new { messageId, text = "first" })).GetProperty("message");
        var evt = await bobSocket.NextEventAsync("message.edited", p => p.GetProperty("message").GetProperty("id").GetInt64() == messageId);

        Assert.Equal("first", edited.GetProperty("text").GetString());
        Assert.Equal(chat.Id, evt.GetProperty("chatId").GetInt64());
        Assert.Equal("first", Rt.TextOf(evt));
        Assert.Equal(JsonValueKind.String, Rt.MessageOf(evt).GetProperty("editedAt").ValueKind);
        Assert.Equal("first", (await Rt.HistoryAsync(chat.Bob, chat.Id)).Single().GetProperty("text").GetString());
    }

    [Fact]
    public async Task Delete_LeavesATombstone_PeerGetsMessageDeleted()
    {
        var (chat, aliceSocket, bobSocket) = await SetUpAsync();
        await using var _ = aliceSocket;
        await using var __ = bobSocket;
        var messageId = await SendAsync(aliceSocket, chat.Id, "oops");

        var deleted = (await aliceSocket.RequestOkAsync("delete", new { messageId })).GetProperty("message");
        var evt = await bobSocket.NextEventAsync("message.deleted", p => p.GetProperty("messageId").GetInt64() == messageId);

        Assert.Equal(string.Empty, deleted.GetProperty("text").GetString());
        var payload = evt.GetProperty("payload");
        Assert.Equal(chat.Id, payload.GetProperty("chatId").GetInt64());
        Assert.Equal(1, payload.GetProperty("seq").GetInt64());
        Assert.Equal(chat.Alice.Id, payload.GetProperty("deletedBy").GetInt64());
        var stored = (await Rt.HistoryAsync(chat.Bob, chat.Id)).Single();
        Assert.Equal(string.Empty, stored.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.String, stored.GetProperty("deletedAt").ValueKind);
    }

    [Fact]
    public async Task React_AddThenRemove_PeerGetsReactionAddedAndRemoved_RepeatsAreSilent()
    {
        var (chat, aliceSocket, bobSocket) = await SetUpAsync();
        await using var _ = aliceSocket;
        await using var __ = bobSocket;
        var messageId = await SendAsync(aliceSocket, chat.Id, "react to me");

        var added = (await bobSocket.RequestOkAsync("react", new { messageId, emoji = "👍" })).GetProperty("message");
        await bobSocket.RequestOkAsync("react", new { messageId, emoji = "👍" });
        var addedEvent = await aliceSocket.NextEventAsync("reaction.added", p => p.GetProperty("messageId").GetInt64() == messageId);
        await bobSocket.RequestOkAsync("react", new { messageId, emoji = "👍", remove = true });
        await bobSocket.RequestOkAsync("react", new { messageId, emoji = "👍", remove = true });
        var removedEvent = await aliceSocket.NextEventAsync("reaction.removed", p => p.GetProperty("messageId").GetInt64() == messageId);
        await SendAsync(bobSocket, chat.Id, "marker");
        var rest = await Rt.TakeEventsThroughTextAsync(aliceSocket, chat.Id, "marker");

        var reaction = Assert.Single(added.GetProperty("reactions").EnumerateArray());
        Assert.Equal("👍", reaction.GetProperty("emoji").GetString());
        Assert.Equal([chat.Bob.Id], reaction.GetProperty("userIds").EnumerateArray().Select(u => u.GetInt64()));
        foreach (var evt in new[] { addedEvent, removedEvent })
        {
            Assert.Equal(chat.Bob.Id, evt.GetProperty("payload").GetProperty("userId").GetInt64());
            Assert.Equal("👍", evt.GetProperty("payload").GetProperty("emoji").GetString());
        }

        Assert.DoesNotContain(rest, e => Rt.EventType(e) is "reaction.added" or "reaction.removed");
        Assert.Empty((await Rt.HistoryAsync(chat.Alice, chat.Id)).First().GetProperty("reactions").EnumerateArray());
    }

    [Fact]
    public async Task Read_MovesTheMarker_PeerGetsReadUpdated_ClampedToTheLastMessage()
    {
        var (chat, aliceSocket, bobSocket) = await SetUpAsync();
        await using var _ = aliceSocket;
        await using var __ = bobSocket;
        await SendAsync(aliceSocket, chat.Id, "one");
        await SendAsync(aliceSocket, chat.Id, "two");

        var ack = await bobSocket.RequestOkAsync("read", new { chatId = chat.Id, seq = 99 });
        var evt = await aliceSocket.NextEventAsync("read.updated", p => p.GetProperty("userId").GetInt64() == chat.Bob.Id);

        Assert.Equal(chat.Id, ack.GetProperty("chatId").GetInt64());
        Assert.Equal(2, ack.GetProperty("seq").GetInt64());
        Assert.Equal(chat.Id, evt.GetProperty("payload").GetProperty("chatId").GetInt64());
        Assert.Equal(2, evt.GetProperty("payload").GetProperty("seq").GetInt64());

        // Going backwards changes nothing and says nothing.
        Assert.Equal(2, (await bobSocket.RequestOkAsync("read", new { chatId = chat.Id, seq = 1 })).GetProperty("seq").GetInt64());
        Assert.Equal("invalid_seq", await bobSocket.RequestErrorAsync("read", new { chatId = chat.Id, seq = -1 }));
        await SendAsync(bobSocket, chat.Id, "marker");
        var rest = await Rt.TakeEventsThroughTextAsync(aliceSocket, chat.Id, "marker");
        Assert.DoesNotContain(rest, e => Rt.EventType(e) == "read.updated" && e.GetProperty("payload").GetProperty("seq").GetInt64() < 2);
    }

    [Fact]
    public async Task EditOrDeleteSomeoneElsesMessage_IsNotYourMessage_AndChangesNothing()
    {
        var (chat, aliceSocket, bobSocket) = await SetUpAsync();
        await using var _ = aliceSocket;
        await using var __ = bobSocket;
        var messageId = await SendAsync(aliceSocket, chat.Id, "mine");

        Assert.Equal("not_your_message", await bobSocket.RequestErrorAsync("edit", new { messageId, text = "yours now" }));
        Assert.Equal("not_your_message", await bobSocket.RequestErrorAsync("delete", new { messageId }));

        var stored = (await Rt.HistoryAsync(chat.Alice, chat.Id)).Single();
        Assert.Equal("mine", stored.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("deletedAt").ValueKind);
    }

    [Fact]
    public async Task Reply_CarriesReplyToId_InTheEvent()
    {
        var (chat, aliceSocket, bobSocket) = await SetUpAsync();
        await using var _ = aliceSocket;
        await using var __ = bobSocket;
        var question = await SendAsync(aliceSocket, chat.Id, "lunch?");

        await bobSocket.RequestOkAsync("send", new { chatId = chat.Id, clientId = TestData.ClientId(), text = "yes", replyToId = question });
        var evt = await aliceSocket.NextEventAsync("message.created", p => p.GetProperty("message").GetProperty("text").GetString() == "yes");

        Assert.Equal(question, Rt.MessageOf(evt).GetProperty("replyToId").GetInt64());
    }

    private static async Task<long> SendAsync(WsClient socket, long chatId, string text) =>
        (await socket.RequestOkAsync("send", Rt.Send(chatId, text))).GetProperty("message").GetProperty("id").GetInt64();

    private async Task<(DirectChat Chat, WsClient Alice, WsClient Bob)> SetUpAsync()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (aliceSocket, _) = await alice.OpenAsync();
        var (bobSocket, _) = await bob.OpenAsync();
        return (new DirectChat(chatId, alice, bob), aliceSocket, bobSocket);
    }

    private sealed record DirectChat(long Id, TestUser Alice, TestUser Bob);
}
