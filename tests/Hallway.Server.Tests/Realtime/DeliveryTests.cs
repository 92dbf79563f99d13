using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>Live delivery: a message sent over the socket reaches every member's sockets once, in order.</summary>
public sealed class DeliveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Send_OverSocket_PeerGetsEvent_SenderGetsAckAndEvent()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (bobSocket, _) = await bob.OpenAsync();
        await using var _ = bobSocket;
        var (aliceSocket, _) = await alice.OpenAsync();
        await using var __ = aliceSocket;

        var ack = await aliceSocket.RequestOkAsync("send", new { chatId, clientId = "c-1", text = "hello bob" });

        var sent = ack.GetProperty("message");
        Assert.False(ack.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, sent.GetProperty("seq").GetInt64());
        Assert.Equal(chatId, sent.GetProperty("chatId").GetInt64());
        Assert.Equal(alice.Id, sent.GetProperty("senderId").GetInt64());
        Assert.Equal("c-1", sent.GetProperty("clientId").GetString());
        var messageId = sent.GetProperty("id").GetInt64();

        // On the requesting socket the event is queued before the ok: it is already here.
        Assert.Contains(aliceSocket.PendingEvents(), e => Rt.IsCreatedIn(e, chatId) && Rt.MessageOf(e).GetProperty("id").GetInt64() == messageId);

        foreach (var socket in new[] { bobSocket, aliceSocket })
        {
            var created = await socket.NextEventAsync("message.created", p => p.GetProperty("message").GetProperty("chatId").GetInt64() == chatId);
            Assert.Equal(chatId, created.GetProperty("chatId").GetInt64());
            Assert.Equal(messageId, Rt.MessageOf(created).GetProperty("id").GetInt64());
            Assert.Equal(1, Rt.MessageOf(created).GetProperty("seq").GetInt64());
            Assert.Equal("hello bob", Rt.TextOf(created));
        }
    }

    [Fact]
    public async Task FiftyMemberGroup_EverySocketGetsEveryMessageOnce_InSeqOrder()
    {
        var users = await Rt.RegisterManyAsync(Server, 50);
        var chatId = await users[0].CreateGroupAsync("fifty", users[1..]);
        await using var sockets = new SocketSet();
        foreach (var user in users)
        {
            sockets.Add((await user.OpenAsync()).Client);
        }

        // Ten messages from five members, two at a time each, sent concurrently.
        var texts = new List<string>();
        var sends = new List<Task>();
        for (var sender = 0; sender < 5; sender++)
        {
            var socket = sockets.Clients[sender * 10];
            var mine = Enumerable.Range(0, 2).Select(i => $"from {sender * 10} #{i}").ToList();
            texts.AddRange(mine);
            sends.Add(Task.Run(async () =>
            {
                foreach (var text in mine)
                {
                    await socket.RequestOkAsync("send", Rt.Send(chatId, text));
                }
            }));
        }

        await Task.WhenAll(sends);
        var received = await Task.WhenAll(sockets.Clients.Select(c => Rt.TakeEventsUntilTextsAsync(c, chatId, texts)));

        foreach (var events in received)
        {
            var created = events.Where(e => Rt.IsCreatedIn(e, chatId)).ToList();
            Rt.AssertEachOnce(texts, [.. created.Select(Rt.TextOf)]);
            Assert.Equal(Enumerable.Range(1, texts.Count).Select(i => (long)i), created.Select(e => Rt.MessageOf(e).GetProperty("seq").GetInt64()));
            Rt.AssertStrictlyIncreasing([.. events.Select(Rt.IdOf)], "event ids");
        }
    }

    [Fact]
    public async Task QueuedEvents_ShareFrames_EveryObjectParses_AndEventIdsIncrease()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (bobSocket, _) = await bob.OpenAsync();
        await using var _ = bobSocket;

        // Many concurrent sends so that events may (or may not) pile up and share a frame.
        var texts = Enumerable.Range(0, 40).Select(i => $"burst {i}").ToList();
        await Task.WhenAll(texts.Select(t => alice.SendAsync(chatId, t)));
        await Rt.TakeEventsUntilTextsAsync(bobSocket, chatId, texts);
        await bobSocket.CloseAsync(); // the reader has stopped: Frames and History are final

        var objects = bobSocket.Frames.SelectMany(Rt.SplitFrame).ToList();
        Assert.Equal(bobSocket.History.Count, objects.Count);
        Assert.All(objects, o => Assert.Contains(Rt.TypeOf(o), new[] { "ok", "event", "presence", "typing" }));
        var events = objects.Where(Rt.IsEvent).Select(o => o.GetProperty("data")).ToList();
        Rt.AssertStrictlyIncreasing([.. events.Select(Rt.IdOf)], "event ids");
        Rt.AssertEachOnce(texts, Rt.CreatedTexts(events, chatId));
    }

    [Fact]
    public async Task TwoTabsOfOneUser_BothGetEveryMessage()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (tab1, _) = await bob.OpenAsync();
        await using var _ = tab1;
        var (tab2, _) = await bob.OpenAsync();
        await using var __ = tab2;

        var texts = new[] { "one", "two", "three" };
        foreach (var text in texts)
        {
            await alice.SendAsync(chatId, text);
        }

        foreach (var tab in new[] { tab1, tab2 })
        {
            var events = await Rt.TakeEventsUntilTextsAsync(tab, chatId, texts);
            Assert.Equal(texts, Rt.CreatedTexts(events, chatId));
        }
    }
}
