using System.Net.WebSockets;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>hello comes first (ping excepted), once, and in time.</summary>
public sealed class HandshakeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Hello_AnswersWithTheUserTheSessionAndTheCursor()
    {
        var alice = await Server.RegisterAsync();
        var sessions = (await alice.Api.GetAsync("/api/sessions")).EnsureSuccess().Json;
        var current = sessions.EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetInt64();
        var logged = (await alice.Api.GetAsync("/api/events?limit=1")).EnsureSuccess()["lastEventId"].GetInt64();
        await using var socket = await alice.ConnectAsync();

        var hello = await socket.RequestOkAsync("hello", new { });

        Assert.Equal(alice.Id, hello.GetProperty("userId").GetInt64());
        Assert.Equal(current, hello.GetProperty("sessionId").GetInt64());
        Assert.True(hello.GetProperty("lastEventId").GetInt64() >= logged);
    }

    [Fact]
    public async Task RequestsBeforeHello_AreHelloRequired_AndStoreNothing()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var messageId = (await alice.SendAsync(chatId, "existing")).GetProperty("id").GetInt64();
        await using var socket = await alice.ConnectAsync();

        Assert.Equal("hello_required", await socket.RequestErrorAsync("send", Rt.Send(chatId, "too early")));
        Assert.Equal("hello_required", await socket.RequestErrorAsync("edit", new { messageId, text = "too early" }));
        Assert.Equal("hello_required", await socket.RequestErrorAsync("typing", new { chatId }));
        Assert.Equal("hello_required", await socket.RequestErrorAsync("read", new { chatId, seq = 1 }));
        Assert.Equal("hello_required", await socket.RequestErrorAsync("teleport", new { }));

        Assert.Equal(["existing"], (await Rt.HistoryAsync(alice, chatId)).Select(m => m.GetProperty("text").GetString()));
        await socket.RequestOkAsync("hello", new { });
        await socket.RequestOkAsync("send", Rt.Send(chatId, "after hello"));
    }

    [Fact]
    public async Task Ping_WorksBeforeHello_AndNoEventsArriveBeforeHello()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        await using var socket = await bob.ConnectAsync();

        await alice.SendAsync(chatId, "while bob has not said hello");
        var pong = await socket.RequestOkAsync("ping", null);

        Assert.True(pong.GetProperty("serverTime").TryGetDateTimeOffset(out _));
        Assert.Empty(socket.PendingEvents());
    }

    [Fact]
    public async Task SecondHello_IsAlreadyHello_AndTheSocketKeepsWorking()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (socket, _) = await alice.OpenAsync();
        await using var _ = socket;

        Assert.Equal("already_hello", await socket.RequestErrorAsync("hello", new { }));
        Assert.Equal("already_hello", await socket.RequestErrorAsync("hello", new { lastEventId = 0 }));

        await socket.RequestOkAsync("send", Rt.Send(chatId, "still fine"));
        await socket.NextEventAsync("message.created", p => p.GetProperty("message").GetProperty("chatId").GetInt64() == chatId);
    }

    [Theory]
    [InlineData("{\"type\":\"hello\",\"id\":\"h\",\"data\":{\"lastEventId\":-1}}", "invalid_last_event_id")]
    [InlineData("{\"type\":\"hello\",\"id\":\"h\",\"data\":{\"lastEventId\":\"yesterday\"}}", "bad_request")]
    [InlineData("{\"type\":\"hello\",\"id\":\"h\",\"data\":[1]}", "bad_request")]
    public async Task BadHello_IsRejected_AndAGoodHelloStillWorks(string frame, string code)
    {
        var alice = await Server.RegisterAsync();
        await using var socket = await alice.ConnectAsync();

        await socket.SendTextAsync(frame);
        var answer = await socket.TakeAsync(e => Rt.HasId(e, "h"));

        Assert.Equal("error", Rt.TypeOf(answer));
        Assert.Equal(code, answer.GetProperty("data").GetProperty("code").GetString());
        Assert.Equal("hello_required", await socket.RequestErrorAsync("typing", new { chatId = 1 }));
        await socket.RequestOkAsync("hello", new { });
    }

    [Fact]
    public async Task Hello_WithACursorAheadOfTheServer_IsCursorAhead_AndAFreshHelloGoesLive()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        await using var socket = await bob.ConnectAsync();

        Assert.Equal("cursor_ahead", await socket.RequestErrorAsync("hello", new { lastEventId = 1_000_000_000 }));
        await socket.RequestOkAsync("hello", new { });
        await alice.SendAsync(chatId, "after a fresh start");

        var events = await Rt.TakeEventsThroughTextAsync(socket, chatId, "after a fresh start");
        Assert.Equal(["after a fresh start"], Rt.CreatedTexts(events, chatId));
    }

    [Fact]
    public async Task ServerShutdown_ClosesSocketsWith1001()
    {
        var server = await TestServer.StartAsync();
        try
        {
            var alice = await server.RegisterAsync();
            var (greeted, _) = await alice.OpenAsync();
            await using var _ = greeted;

            await server.App.StopAsync();

            await greeted.WaitClosedAsync();
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, greeted.CloseStatus);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task SilentSocket_IsClosedWith4002_EvenIfItPings_ButAGreetedOneStaysOpen()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hallway:Realtime:HelloTimeout"] = "00:00:01" });
        var alice = await server.RegisterAsync();
        await using var silent = await alice.ConnectAsync();
        await using var pinging = await alice.ConnectAsync();
        var (greeted, _) = await alice.OpenAsync();
        await using var _ = greeted;

        await pinging.RequestOkAsync("ping", null);
        await silent.WaitClosedAsync();
        await pinging.WaitClosedAsync();

        Assert.Equal(4002, (int?)silent.CloseStatus);
        Assert.Equal(4002, (int?)pinging.CloseStatus);

        // A socket opened after the greeted one has timed out too, so the greeted one's timer has fired.
        await using var later = await alice.ConnectAsync();
        await later.WaitClosedAsync();
        Assert.Equal(4002, (int?)later.CloseStatus);
        Assert.Equal(WebSocketState.Open, greeted.State);
        await greeted.RequestOkAsync("ping", null);
    }

    [Fact]
    public async Task TimedOutSocket_ThatSaysHelloAnyway_DoesNotGoLiveOrAct()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hallway:Realtime:HelloTimeout"] = "00:00:01" });
        var alice = await server.RegisterAsync();
        var bob = await server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (watcher, _) = await bob.OpenAsync();
        await using var _ = watcher;
        System.Net.Sockets.Socket? tcp = null;
        using var raw = await Rt.ConnectRawAsync(server.BaseAddress, alice.Token, onConnected: s => tcp = s);
        for (var frames = 0; frames < 100 && await Rt.ReceiveTextAsync(raw) is not null; frames++)
        {
        }

        Assert.Equal(4002, (int?)raw.CloseStatus);

        // Too late: hello and a send anyway, without completing the close. The server cuts the
        // connection off after its grace period, long after it could have read both.
        await Rt.SendJsonAsync(raw, new { type = "hello", id = "late", data = new { } });
        await Rt.SendJsonAsync(raw, new { type = "send", id = "ghost", data = Rt.Send(chatId, "sent after the hello timeout") });
        await Rt.WaitServerHungUpAsync(tcp!, TimeSpan.FromSeconds(30));

        await bob.SendAsync(chatId, "barrier");
        await Rt.TakeEventsThroughTextAsync(watcher, chatId, "barrier");
        Assert.Equal(["barrier"], (await Rt.HistoryAsync(bob, chatId)).Select(m => m.GetProperty("text").GetString()));
        Assert.DoesNotContain(watcher.Pending(), o => Rt.TypeOf(o) == "presence" && o.GetProperty("data").GetProperty("userId").GetInt64() == alice.Id);
    }
}
