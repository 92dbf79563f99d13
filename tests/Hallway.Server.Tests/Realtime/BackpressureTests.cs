using System.Net.WebSockets;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>
/// A client that stops reading is closed with 4008 once its bounded queue overflows; it loses
/// nothing, because it replays from its last event id; and readers that keep up are unaffected.
/// </summary>
public sealed class BackpressureTests : IAsyncLifetime
{
    private const int TooSlow = 4008;
    private const int BigMessages = 60;

    private TestServer _server = null!;

    // A tiny queue and big messages (non-ASCII text is escaped in JSON, so each event is ~100 KB):
    // 60 of them are far more than the kernel buffers between server and client can hold.
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Hallway:Realtime:OutgoingQueueLimit"] = "4",
        ["Hallway:Limits:MaxMessageLength"] = "20000",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ClientThatStopsReading_IsClosedWith4008_OthersKeepUp_AndItCatchesUpAfterReconnecting()
    {
        var (alice, bob, carol, chatId) = await SetUpAsync();
        await using var slow = await SlowClient.ConnectAsync(_server.BaseAddress, bob.Token);
        var cursor = (await slow.HelloAsync()).GetProperty("data").GetProperty("lastEventId").GetInt64();
        var (fast, _) = await carol.OpenAsync();
        await using var _ = fast;

        // Carol reads each message before Alice sends the next, so her queue never holds more than a
        // couple of objects; Bob reads nothing meanwhile.
        var texts = BigTexts("live");
        var carolEvents = new List<System.Text.Json.JsonElement>();
        foreach (var text in texts)
        {
            await alice.SendAsync(chatId, text);
            carolEvents.AddRange(await Briefly(() => Rt.TakeEventsThroughTextAsync(fast, chatId, text)));
        }

        await slow.ReadUntilClosedAsync();

        Assert.Null(slow.Dropped);
        Assert.Equal(TooSlow, slow.CloseStatus);
        var before = Rt.CreatedTexts(slow.Events, chatId);
        Assert.True(before.Count < texts.Count, "The slow client was sent everything: the queue never overflowed.");

        // Carol got all of it, live, on the same socket, which still works.
        Assert.Equal(Keys(texts), Keys(Rt.CreatedTexts(carolEvents, chatId)));
        Assert.Equal(WebSocketState.Open, fast.State);
        await fast.RequestOkAsync("ping", null);

        await AssertCatchesUpAsync(bob, Math.Max(cursor, slow.Events.Select(Rt.IdOf).DefaultIfEmpty(0).Max()), chatId, texts, slow.Events);
    }

    [Fact]
    public async Task ClientThatStopsReadingDuringReplay_WhileLiveEventsPileUp_IsClosedWith4008_AndCatchesUpLater()
    {
        var (alice, bob, _, chatId) = await SetUpAsync();
        var (first, cursor) = await bob.OpenAsync();
        await first.CloseAsync();
        await first.DisposeAsync();
        var missed = BigTexts("missed");
        foreach (var text in missed)
        {
            await alice.SendAsync(chatId, text);
        }

        // Bob asks for the replay but reads nothing while more than four queues' worth of live events arrive.
        await using var slow = await SlowClient.ConnectAsync(_server.BaseAddress, bob.Token);
        await Rt.SendJsonAsync(slow.Socket, new { type = "hello", id = "hello", data = new { lastEventId = cursor } });
        var live = Enumerable.Range(0, 30).Select(i => $"live {i}").ToList();
        foreach (var text in live)
        {
            await alice.SendAsync(chatId, text);
        }

        await slow.ReadUntilClosedAsync();

        Assert.Null(slow.Dropped);
        Assert.Equal(TooSlow, slow.CloseStatus);
        await AssertCatchesUpAsync(bob, Math.Max(cursor, slow.Events.Select(Rt.IdOf).DefaultIfEmpty(0).Max()), chatId, [.. missed, .. live], slow.Events);
    }

    [Fact]
    public async Task ReaderThatKeepsUp_ReplayMuchLongerThanTheQueue_GetsEverythingAndTheHelloAnswer()
    {
        var (alice, bob, _, chatId) = await SetUpAsync();
        var (first, cursor) = await bob.OpenAsync();
        await first.CloseAsync();
        await first.DisposeAsync();
        var missed = BigTexts("missed");
        foreach (var text in missed)
        {
            await alice.SendAsync(chatId, text);
        }

        // A client that reads all the time: the replay waits for it, so it must never overflow.
        await using var socket = await bob.ConnectAsync();
        var hello = await Briefly(() => socket.RequestAsync("hello", new { lastEventId = cursor }));

        Assert.True(Rt.TypeOf(hello) == "ok", $"hello after a long replay: {hello}; close: {socket.CloseStatus} {socket.CloseDescription}");
        Assert.Equal(Keys(missed), Keys(Rt.CreatedTexts(socket.PendingEvents(), chatId)));
    }

    /// <summary>Reconnects from <paramref name="last"/>; what came before plus the replay is every text once, in order.</summary>
    private static async Task AssertCatchesUpAsync(TestUser user, long last, long chatId, List<string> texts, List<System.Text.Json.JsonElement> before)
    {
        var got = Rt.CreatedTexts(before, chatId);
        var (back, _) = await user.OpenAsync(last);
        await using var _ = back;
        var replayed = await Briefly(() => Rt.TakeEventsUntilTextsAsync(back, chatId, [.. texts.Except(got)]));

        var all = before.Concat(replayed).ToList();
        Assert.Equal(Keys(texts), Keys(Rt.CreatedTexts(all, chatId)));
        Rt.AssertStrictlyIncreasing([.. all.Select(Rt.IdOf)], "event ids");
        await back.RequestOkAsync("ping", null);
    }

    /// <summary>Runs a wait whose time-out message would quote megabytes of pending frames; keeps it short.</summary>
    private static async Task<T> Briefly<T>(Func<Task<T>> wait)
    {
        try
        {
            return await wait();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message.Length > 400 ? e.Message[..250] + " ... " + e.Message[^150..] : e.Message);
        }
    }

    private async Task<(TestUser Alice, TestUser Bob, TestUser Carol, long ChatId)> SetUpAsync()
    {
        var alice = await _server.RegisterAsync();
        var bob = await _server.RegisterAsync();
        var carol = await _server.RegisterAsync();
        var chatId = await alice.CreateGroupAsync("firehose", bob, carol);
        return (alice, bob, carol, chatId);
    }

    private static List<string> BigTexts(string prefix) =>
        [.. Enumerable.Range(0, BigMessages).Select(i => $"{prefix}-{i} " + new string('é', 19_000))];

    /// <summary>The short label of each text, so a failure does not print megabytes.</summary>
    private static List<string> Keys(IEnumerable<string> texts) => [.. texts.Select(t => t.Split(' ')[0])];
}
