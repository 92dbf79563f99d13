using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>Catch-up: hello {lastEventId} replays what a client missed, once and in order, then goes live.</summary>
public sealed class ReplayTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reconnect_WithLastEventId_ReplaysMissedEventsOnceInOrder_ThenLive(bool abort)
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (aliceSocket, _) = await alice.OpenAsync();
        await using var _ = aliceSocket;

        long last;
        var (first, cursor) = await bob.OpenAsync();
        await using (first)
        {
            string[] before = ["before 0", "before 1", "before 2"];
            foreach (var text in before)
            {
                await alice.SendAsync(chatId, text);
            }

            var applied = await Rt.TakeEventsUntilTextsAsync(first, chatId, before);
            last = Math.Max(cursor, applied.Max(Rt.IdOf));
            if (abort)
            {
                await first.AbortAsync();
            }
            else
            {
                await first.CloseAsync();
            }
        }

        // While Bob is away: sends over HTTP and over the socket, and an edit.
        var missed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            missed.Add($"away http {i}");
            await alice.SendAsync(chatId, missed[^1]);
            missed.Add($"away ws {i}");
            await aliceSocket.RequestOkAsync("send", Rt.Send(chatId, missed[^1]));
        }

        (await bob.Api.PutAsync($"/api/chats/{chatId}/mute", new { muted = true })).EnsureSuccess(); // a user event
        var firstMissed = (await Rt.HistoryAsync(alice, chatId)).Single(m => m.GetProperty("text").GetString() == "away http 0");
        await aliceSocket.RequestOkAsync("edit", new { messageId = firstMissed.GetProperty("id").GetInt64(), text = "away http 0 (edited)" });

        var (back, helloCursor) = await bob.OpenAsync(last);
        await using var __ = back;
        string[] live = ["live 0", "live 1", "live 2"];
        foreach (var text in live)
        {
            await aliceSocket.RequestOkAsync("send", Rt.Send(chatId, text));
        }

        var events = await Rt.TakeEventsThroughTextAsync(back, chatId, "live 2");

        Assert.Equal([.. missed, .. live], Rt.CreatedTexts(events, chatId));
        var edited = Assert.Single(events, e => Rt.EventType(e) == "message.edited" && Rt.ChatOf(e) == chatId);
        Assert.Equal("away http 0 (edited)", Rt.TextOf(edited));
        var muted = Assert.Single(events, e => Rt.EventType(e) == "chat.muted");
        Assert.Equal(bob.Id, muted.GetProperty("userId").GetInt64());
        var ids = events.Select(Rt.IdOf).ToList();
        Assert.All(ids, id => Assert.True(id > last, $"event {id} was already applied (last {last})"));
        Rt.AssertStrictlyIncreasing(ids, "event ids");

        // No gaps: exactly the log's events for Bob after his cursor, up to the last one taken.
        var logged = (await Rt.LoggedEventsAsync(bob, last)).Select(Rt.IdOf).Where(id => id <= ids[^1]).ToList();
        Assert.Equal(logged, ids);
        var lastMissedId = events.Last(e => Rt.IsCreatedIn(e, chatId) && Rt.TextOf(e) == missed[^1]).GetProperty("id").GetInt64();
        Assert.True(helloCursor >= lastMissedId, $"hello's lastEventId {helloCursor} is before the replayed event {lastMissedId}");
    }

    [Fact]
    public async Task Reconnect_WhileSendsAreInFlight_YieldsEachMessageExactlyOnce()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (aliceSocket, _) = await alice.OpenAsync();
        await using var aliceLease = aliceSocket;
        var texts = Enumerable.Range(0, 60).Select(i => $"flight {i}").ToList();

        // Bob is live before the first send: a hello without a cursor starts from "now", so a
        // message sent before it would (by design) never reach this socket.
        var (socket, cursor) = await bob.OpenAsync();

        // Alice keeps sending, alternating HTTP and socket, while Bob drops and reconnects three times.
        var sender = Task.Run(async () =>
        {
            for (var i = 0; i < texts.Count; i++)
            {
                if (i % 2 == 0)
                {
                    await alice.SendAsync(chatId, texts[i]);
                }
                else
                {
                    await aliceSocket.RequestOkAsync("send", Rt.Send(chatId, texts[i]));
                }
            }
        });

        var applied = new List<JsonElement>();
        try
        {
            for (var round = 1; round <= 3; round++)
            {
                var want = round * 12;
                applied.AddRange(await Rt.TakeEventsUntilAsync(socket, taken => Rt.CreatedTexts([.. applied, .. taken], chatId).Count >= want));
                var last = Math.Max(cursor, applied.Max(Rt.IdOf));
                if (round % 2 == 1)
                {
                    await socket.AbortAsync();
                }
                else
                {
                    await socket.CloseAsync();
                }

                await socket.DisposeAsync();
                (socket, _) = await bob.OpenAsync(last);
            }

            var received = Rt.CreatedTexts(applied, chatId);
            var rest = Rt.TakeEventsUntilTextsAsync(socket, chatId, [.. texts.Except(received)]);

            // If the sender failed, the texts it never sent cannot arrive: report its failure instead.
            if (await Task.WhenAny(rest, sender) == sender)
            {
                await sender;
            }

            applied.AddRange(await rest);
            await sender;
        }
        finally
        {
            await socket.DisposeAsync();
        }

        Assert.Equal(texts, Rt.CreatedTexts(applied, chatId));
        Rt.AssertStrictlyIncreasing([.. applied.Select(Rt.IdOf)], "event ids");
    }

    [Fact]
    public async Task Reconnect_AfterMoreThanOneReplayPage_DeliversEveryEventOnce()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (first, last) = await bob.OpenAsync();
        await first.CloseAsync();
        await first.DisposeAsync();

        var texts = Enumerable.Range(0, 520).Select(i => $"page {i}").ToList();
        for (var i = 0; i < texts.Count; i += 20)
        {
            await Task.WhenAll(texts.Skip(i).Take(20).Select(t => alice.SendAsync(chatId, t)));
        }

        var (back, _) = await bob.OpenAsync(last);
        await using var _ = back;
        var events = await Rt.TakeEventsUntilTextsAsync(back, chatId, texts, maxEvents: 2000);

        Rt.AssertEachOnce(texts, Rt.CreatedTexts(events, chatId));
        Rt.AssertStrictlyIncreasing([.. events.Select(Rt.IdOf)], "event ids");
        var logged = (await Rt.LoggedEventsAsync(bob, last)).Select(Rt.IdOf).Where(id => id <= Rt.IdOf(events[^1])).ToList();
        Assert.Equal(logged, events.Select(Rt.IdOf));
    }

    [Fact]
    public async Task Hello_WithoutLastEventId_ReplaysNothing_OnlyLiveEvents()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        await alice.SendAsync(chatId, "old news");

        var (socket, cursor) = await bob.OpenAsync();
        await using var _ = socket;
        await alice.SendAsync(chatId, "fresh");
        var events = await Rt.TakeEventsThroughTextAsync(socket, chatId, "fresh");

        Assert.Equal(["fresh"], Rt.CreatedTexts(events, chatId));
        Assert.All(events, e => Assert.True(Rt.IdOf(e) > cursor));
    }

    [Fact]
    public async Task Hello_WithLastEventIdZero_ReplaysTheUsersWholeLog()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        await alice.SendAsync(chatId, "first");
        await bob.SendAsync(chatId, "second");

        var (socket, _) = await bob.OpenAsync(0);
        await using var _ = socket;
        await alice.SendAsync(chatId, "third");
        var events = await Rt.TakeEventsThroughTextAsync(socket, chatId, "third");

        Assert.Equal(["first", "second", "third"], Rt.CreatedTexts(events, chatId));
        Assert.Contains(events, e => Rt.EventType(e) == "chat.created" && Rt.ChatOf(e) == chatId);
        var logged = (await Rt.LoggedEventsAsync(bob, 0)).Select(Rt.IdOf).Where(id => id <= Rt.IdOf(events[^1])).ToList();
        Assert.Equal(logged, events.Select(Rt.IdOf));
    }

    [Fact]
    public async Task Replay_AfterBeingAddedWhileAway_IncludesTheChatsEvents()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var carol = await Server.RegisterAsync();
        var (first, last) = await bob.OpenAsync();
        await first.CloseAsync();
        await first.DisposeAsync();

        var chatId = await alice.CreateGroupAsync("formed without bob", carol);
        await alice.SendAsync(chatId, "before bob");
        (await alice.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { bob.Id } })).EnsureSuccess();
        await alice.SendAsync(chatId, "after bob joined");

        var (back, _) = await bob.OpenAsync(last);
        await using var _ = back;
        var events = await Rt.TakeEventsThroughTextAsync(back, chatId, "after bob joined");

        Assert.Contains(events, e => Rt.EventType(e) == "member.joined" && Rt.ChatOf(e) == chatId && e.GetProperty("payload").GetProperty("userId").GetInt64() == bob.Id);
        Assert.Equal(["before bob", "after bob joined"], Rt.CreatedTexts(events, chatId)); // audience is membership now
        Rt.AssertStrictlyIncreasing([.. events.Select(Rt.IdOf)], "event ids");
    }

    [Fact]
    public async Task Replay_AfterBeingRemovedWhileAway_HasChatRemoved_AndNothingElseOfThatChat()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.CreateGroupAsync("bob leaves", bob);
        var markerChat = await alice.OpenDirectAsync(bob);
        var (first, last) = await bob.OpenAsync();
        await first.CloseAsync();
        await first.DisposeAsync();

        await alice.SendAsync(chatId, "while bob was still in");
        (await alice.Api.DeleteAsync($"/api/chats/{chatId}/members/{bob.Id}")).EnsureSuccess();
        await alice.SendAsync(chatId, "after bob was removed");
        await alice.SendAsync(markerChat, "marker");

        var (back, _) = await bob.OpenAsync(last);
        await using var _ = back;
        var events = await Rt.TakeEventsThroughTextAsync(back, markerChat, "marker");

        var removed = Assert.Single(events, e => Rt.EventType(e) == "chat.removed");
        Assert.Equal(chatId, removed.GetProperty("payload").GetProperty("chatId").GetInt64());
        Assert.DoesNotContain(events, e => Rt.ChatOf(e) == chatId);
    }
}
