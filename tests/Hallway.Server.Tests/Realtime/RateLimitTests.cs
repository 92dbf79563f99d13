using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>Each socket has a request budget (burst, refill per second); pings are free; flooding closes.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private TestServer _server = null!;

    // A burst of three and no refill: the fourth counted request is always over budget.
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Hallway:Realtime:RequestBurst"] = "3",
        ["Hallway:Realtime:RequestsPerSecond"] = "0",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FourthRequest_IsRateLimited_AndStoresNothing_ButPingIsFree()
    {
        var alice = await _server.RegisterAsync();
        var bob = await _server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (socket, _) = await alice.OpenAsync();
        await using var _ = socket;

        for (var i = 0; i < 5; i++)
        {
            await socket.RequestOkAsync("ping", null);
        }

        await socket.RequestOkAsync("send", Rt.Send(chatId, "one"));
        await socket.RequestOkAsync("typing", new { chatId });
        await socket.RequestOkAsync("send", Rt.Send(chatId, "two"));
        Assert.Equal("rate_limited", await socket.RequestErrorAsync("send", Rt.Send(chatId, "three")));
        Assert.Equal("rate_limited", await socket.RequestErrorAsync("read", new { chatId, seq = 1 }));

        await socket.RequestOkAsync("ping", null);
        Assert.Equal(["one", "two"], (await Rt.HistoryAsync(alice, chatId)).Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Budget_IsPerSocket()
    {
        var alice = await _server.RegisterAsync();
        var bob = await _server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (first, _) = await alice.OpenAsync();
        await using var _ = first;
        var (second, _) = await alice.OpenAsync();
        await using var __ = second;

        for (var i = 0; i < 3; i++)
        {
            await first.RequestOkAsync("typing", new { chatId });
        }

        Assert.Equal("rate_limited", await first.RequestErrorAsync("typing", new { chatId }));
        await second.RequestOkAsync("send", Rt.Send(chatId, "other tab"));
    }

    [Fact]
    public async Task KeepingOnAfterBeingLimited_ClosesWith4029()
    {
        var alice = await _server.RegisterAsync();
        var bob = await _server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (socket, _) = await alice.OpenAsync();
        await using var _ = socket;

        // Three allowed, then well over a hundred refusals; stop as soon as the server closes.
        for (var i = 0; i < 200 && socket.State == System.Net.WebSockets.WebSocketState.Open; i++)
        {
            try
            {
                await socket.SendTextAsync($"{{\"type\":\"typing\",\"id\":\"f{i}\",\"data\":{{\"chatId\":{chatId}}}}}");
            }
            catch (System.Net.WebSockets.WebSocketException)
            {
                break;
            }
        }

        await socket.WaitClosedAsync();
        Assert.Equal(4029, (int?)socket.CloseStatus);
        Assert.Equal(3, socket.History.Count(e => Rt.TypeOf(e) == "ok" && e.GetProperty("id").GetString() is ['f', ..]));
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    [Fact]
    public async Task Hello_IsNotCounted_EvenWhenItFails()
    {
        var alice = await _server.RegisterAsync();
        var bob = await _server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        await using var socket = await alice.ConnectAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("invalid_last_event_id", await socket.RequestErrorAsync("hello", new { lastEventId = -1 }));
        }

        await socket.RequestOkAsync("hello", new { });
        for (var i = 0; i < 3; i++)
        {
            await socket.RequestOkAsync("typing", new { chatId });
        }

        Assert.Equal("rate_limited", await socket.RequestErrorAsync("typing", new { chatId }));
    }
}
