using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>A user outside a chat can neither act in it over the socket nor hear anything from it.</summary>
public sealed class AccessTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task NonMember_CannotSendEditDeleteReactReadOrType_AndNothingIsStored()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var mallory = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var message = await alice.SendAsync(chatId, "private");
        var messageId = message.GetProperty("id").GetInt64();
        var (socket, _) = await mallory.OpenAsync();
        await using var _ = socket;

        Assert.Equal("not_member", await socket.RequestErrorAsync("send", Rt.Send(chatId, "let me in")));
        Assert.Equal("message_not_found", await socket.RequestErrorAsync("edit", new { messageId, text = "defaced" }));
        Assert.Equal("message_not_found", await socket.RequestErrorAsync("delete", new { messageId }));
        Assert.Equal("message_not_found", await socket.RequestErrorAsync("react", new { messageId, emoji = "👍" }));
        Assert.Equal("message_not_found", await socket.RequestErrorAsync("react", new { messageId, emoji = "👍", remove = true }));
        Assert.Equal("not_member", await socket.RequestErrorAsync("read", new { chatId, seq = 1 }));
        Assert.Equal("not_member", await socket.RequestErrorAsync("typing", new { chatId }));

        var stored = Assert.Single(await Rt.HistoryAsync(alice, chatId));
        Assert.Equal(messageId, stored.GetProperty("id").GetInt64());
        Assert.Equal("private", stored.GetProperty("text").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stored.GetProperty("editedAt").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stored.GetProperty("deletedAt").ValueKind);
        Assert.Empty(stored.GetProperty("reactions").EnumerateArray());
        var members = (await alice.Api.GetAsync($"/api/chats/{chatId}/members")).EnsureSuccess().Json;
        Assert.DoesNotContain(members.EnumerateArray(), m => m.GetProperty("userId").GetInt64() == mallory.Id);
        var peek = await mallory.Api.GetAsync($"/api/chats/{chatId}/messages");
        Assert.Equal(HttpStatusCode.Forbidden, peek.Status);
        Assert.Equal("not_member", peek.Code);
    }

    [Fact]
    public async Task NonMember_NeverReceivesTheChatsEventsOrTypingSignals()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var mallory = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var markerChat = await alice.OpenDirectAsync(mallory);
        var (mallorySocket, _) = await mallory.OpenAsync();
        await using var _ = mallorySocket;
        var (bobSocket, _) = await bob.OpenAsync();
        await using var __ = bobSocket;
        var (aliceSocket, _) = await alice.OpenAsync();
        await using var ___ = aliceSocket;

        // Everything that makes an event or a signal in Alice and Bob's chat.
        var sent = (await aliceSocket.RequestOkAsync("send", Rt.Send(chatId, "secret"))).GetProperty("message");
        var messageId = sent.GetProperty("id").GetInt64();
        await aliceSocket.RequestOkAsync("typing", new { chatId });
        await bobSocket.RequestOkAsync("typing", new { chatId });
        await aliceSocket.RequestOkAsync("edit", new { messageId, text = "secret, edited" });
        await bobSocket.RequestOkAsync("react", new { messageId, emoji = "🎉" });
        await bobSocket.RequestOkAsync("read", new { chatId, seq = 1 });
        await aliceSocket.RequestOkAsync("delete", new { messageId });
        await bobSocket.NextEventAsync("message.deleted", p => p.GetProperty("messageId").GetInt64() == messageId);

        // A later event that Mallory does get: everything before it would have come first.
        await aliceSocket.RequestOkAsync("send", Rt.Send(markerChat, "marker"));
        var events = await Rt.TakeEventsThroughTextAsync(mallorySocket, markerChat, "marker");

        Assert.DoesNotContain(events, e => Rt.ChatOf(e) == chatId);
        Assert.DoesNotContain(mallorySocket.Pending(), o => o.ToString().Contains("secret", StringComparison.Ordinal));
        Assert.DoesNotContain(mallorySocket.Pending(), o => Rt.TypeOf(o) == "typing" && o.GetProperty("data").GetProperty("chatId").GetInt64() == chatId);
        Assert.DoesNotContain(await Rt.LoggedEventsAsync(mallory, 0), e => Rt.ChatOf(e) == chatId);
    }

    [Fact]
    public async Task RemovedMember_StopsReceiving_AddedMember_StartsReceiving()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var carol = await Server.RegisterAsync();
        var dave = await Server.RegisterAsync();
        var chatId = await alice.CreateGroupAsync("comings and goings", bob, carol);
        var carolMarkerChat = await alice.OpenDirectAsync(carol);
        await using var sockets = new SocketSet();
        var bobSocket = sockets.Add((await bob.OpenAsync()).Client);
        var carolSocket = sockets.Add((await carol.OpenAsync()).Client);
        var daveSocket = sockets.Add((await dave.OpenAsync()).Client);

        await alice.SendAsync(chatId, "m1");
        await carolSocket.NextEventAsync("message.created", p => p.GetProperty("message").GetProperty("text").GetString() == "m1");
        (await alice.Api.DeleteAsync($"/api/chats/{chatId}/members/{carol.Id}")).EnsureSuccess();
        (await alice.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { dave.Id } })).EnsureSuccess();
        await alice.SendAsync(chatId, "m2");

        var bobEvents = await Rt.TakeEventsThroughTextAsync(bobSocket, chatId, "m2");
        Assert.Equal(["m1", "m2"], Rt.CreatedTexts(bobEvents, chatId));
        var daveEvents = await Rt.TakeEventsThroughTextAsync(daveSocket, chatId, "m2");
        Assert.Equal(["m2"], Rt.CreatedTexts(daveEvents, chatId));
        Assert.Contains(daveEvents, e => Rt.EventType(e) == "member.joined" && Rt.ChatOf(e) == chatId);

        await carolSocket.NextEventAsync("chat.removed", p => p.GetProperty("chatId").GetInt64() == chatId);
        Assert.Equal("not_member", await carolSocket.RequestErrorAsync("send", Rt.Send(chatId, "still here?")));
        await alice.SendAsync(carolMarkerChat, "marker");
        var carolEvents = await Rt.TakeEventsThroughTextAsync(carolSocket, carolMarkerChat, "marker");
        Assert.DoesNotContain(carolEvents, e => Rt.IsCreatedIn(e, chatId));
        Assert.Equal(["m1", "m2"], (await Rt.HistoryAsync(alice, chatId)).Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task PlainMemberOfAChannel_CannotPost_AndNothingIsStored()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var channelId = (await alice.Api.PostAsync("/api/chats", new { kind = "channel", title = "announcements", memberIds = new[] { bob.Id } }))
            .EnsureSuccess()["chat"].GetProperty("id").GetInt64();
        var (bobSocket, _) = await bob.OpenAsync();
        await using var _ = bobSocket;
        var (aliceSocket, _) = await alice.OpenAsync();
        await using var __ = aliceSocket;

        Assert.Equal("channel_read_only", await bobSocket.RequestErrorAsync("send", Rt.Send(channelId, "me too")));
        await aliceSocket.RequestOkAsync("send", Rt.Send(channelId, "official"));

        var events = await Rt.TakeEventsThroughTextAsync(bobSocket, channelId, "official");
        Assert.Equal(["official"], Rt.CreatedTexts(events, channelId));
        Assert.Equal(["official"], (await Rt.HistoryAsync(alice, channelId)).Select(m => m.GetProperty("text").GetString()));
    }
}
