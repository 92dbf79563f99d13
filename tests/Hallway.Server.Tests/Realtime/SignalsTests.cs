using System.Text.Json;
using Hallway.Server.Realtime;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Server.Tests.Realtime;

/// <summary>Ephemeral signals: typing goes to the chat's other members; presence to everyone.</summary>
public sealed class SignalsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Typing_OtherMembersGetTheSignal_TheTypistsOwnSocketsDoNot()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var carol = await Server.RegisterAsync();
        var chatId = await alice.CreateGroupAsync("typists", bob, carol);
        await using var sockets = new SocketSet();
        var aliceTab1 = sockets.Add((await alice.OpenAsync()).Client);
        var aliceTab2 = sockets.Add((await alice.OpenAsync()).Client);
        var bobSocket = sockets.Add((await bob.OpenAsync()).Client);
        var carolSocket = sockets.Add((await carol.OpenAsync()).Client);

        var ack = await aliceTab1.RequestOkAsync("typing", new { chatId });

        Assert.Equal(chatId, ack.GetProperty("chatId").GetInt64());
        foreach (var socket in new[] { bobSocket, carolSocket })
        {
            var signal = (await socket.TakeAsync(o => IsTyping(o, chatId))).GetProperty("data");
            Assert.Equal(chatId, signal.GetProperty("chatId").GetInt64());
            Assert.Equal(alice.Id, signal.GetProperty("userId").GetInt64());
            Assert.True(signal.GetProperty("expiresInMs").GetInt32() > 0);
        }

        // A signal to Alice would have been queued before the typing answer, and before a later message.
        Assert.DoesNotContain(aliceTab1.Pending(), o => IsTyping(o, chatId));
        await bob.SendAsync(chatId, "marker");
        await Rt.TakeEventsThroughTextAsync(aliceTab2, chatId, "marker");
        Assert.DoesNotContain(aliceTab2.Pending(), o => IsTyping(o, chatId));
    }

    [Fact]
    public async Task TypingOverHttp_ReachesTheOtherMembersSockets()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (bobSocket, _) = await bob.OpenAsync();
        await using var _ = bobSocket;

        (await alice.Api.PostAsync($"/api/chats/{chatId}/typing")).EnsureSuccess();

        var signal = (await bobSocket.TakeAsync(o => IsTyping(o, chatId))).GetProperty("data");
        Assert.Equal(alice.Id, signal.GetProperty("userId").GetInt64());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Presence_FirstSocketOnline_LastSocketOffline_SecondTabChangesNothing(bool abort)
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var (watcher, _) = await alice.OpenAsync();
        await using var _ = watcher;

        var (tab1, _) = await bob.OpenAsync();
        await using var __ = tab1;
        var online = await TakePresenceAsync(watcher, bob.Id);
        Assert.True(online.GetProperty("online").GetBoolean());

        var before = Hub.ConnectionCount;
        var (tab2, _) = await bob.OpenAsync();
        await using (tab2)
        {
            await Close(tab2, abort);
        }

        // Wait for the hub to drop the second tab; Bob is still online.
        await Rt.WaitUntilAsync(() => Task.FromResult(Hub.ConnectionCount <= before), "the hub dropped the second tab");
        Assert.True(await IsOnlineAsync(alice, bob.Id));

        await Close(tab1, abort);
        var offline = await TakePresenceAsync(watcher, bob.Id);
        Assert.False(offline.GetProperty("online").GetBoolean());
        Assert.True(offline.GetProperty("lastSeenAt").TryGetDateTimeOffset(out var _));
        var profile = (await alice.Api.GetAsync($"/api/users/{bob.Id}")).EnsureSuccess();
        Assert.False(profile["online"].GetBoolean());
        Assert.Equal(JsonValueKind.String, profile["lastSeenAt"].ValueKind);

        // Back again. Alice saw online, offline, online and nothing else: no offline for the second tab.
        var (again, _) = await bob.OpenAsync();
        await using var ___ = again;
        Assert.True((await TakePresenceAsync(watcher, bob.Id)).GetProperty("online").GetBoolean());
        Assert.DoesNotContain(watcher.Pending(), o => IsPresence(o, bob.Id));
    }

    [Fact]
    public async Task Presence_QuickReconnects_SignalsAlternate_AndTheLastOneSaysOnline()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var (watcher, _) = await alice.OpenAsync();
        await using var watcherLease = watcher;

        // Bob reloads his page again and again: the old socket drops, a new one says hello at once.
        var (tab, _) = await bob.OpenAsync();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                await Close(tab, abort: i % 2 == 0);
                await tab.DisposeAsync();
                (tab, _) = await bob.OpenAsync();
            }

            // Carol's first online is a marker after Bob's last transition.
            var carol = await Server.RegisterAsync();
            await using var marker = (await carol.OpenAsync()).Client;
            await TakePresenceAsync(watcher, carol.Id);

            var seen = new List<bool>();
            while (watcher.Pending().Any(o => IsPresence(o, bob.Id)))
            {
                seen.Add((await TakePresenceAsync(watcher, bob.Id)).GetProperty("online").GetBoolean());
            }

            var story = string.Concat(seen.Select(online => online ? "+" : "-"));
            Assert.True(seen.Count > 0 && seen[0] && seen[^1], $"Bob is connected, but the signals Alice saw end offline: {story}");
            Assert.True(!story.Contains("++", StringComparison.Ordinal) && !story.Contains("--", StringComparison.Ordinal), $"Presence signals out of order (+ online, - offline): {story}");
            Assert.True(await IsOnlineAsync(alice, bob.Id));
        }
        finally
        {
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task Presence_IsNotSentForASocketThatNeverSaidHello()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var carol = await Server.RegisterAsync();
        var (watcher, _) = await alice.OpenAsync();
        await using var _ = watcher;

        await using (var silent = await bob.ConnectAsync())
        {
            await silent.RequestOkAsync("ping", null);
            await silent.CloseAsync();
        }

        // Carol's online comes after anything Bob's silent socket could have caused.
        await using var marker = (await carol.OpenAsync()).Client;
        await TakePresenceAsync(watcher, carol.Id);
        Assert.DoesNotContain(watcher.Pending(), o => IsPresence(o, bob.Id));
    }

    private static bool IsTyping(JsonElement o, long chatId) =>
        Rt.TypeOf(o) == "typing" && o.GetProperty("data").GetProperty("chatId").GetInt64() == chatId;

    private static bool IsPresence(JsonElement o, long userId) =>
        Rt.TypeOf(o) == "presence" && o.GetProperty("data").GetProperty("userId").GetInt64() == userId;

    private static async Task<JsonElement> TakePresenceAsync(WsClient watcher, long userId) =>
        (await watcher.TakeAsync(o => IsPresence(o, userId))).GetProperty("data");

    private static async Task Close(WsClient socket, bool abort)
    {
        if (abort)
        {
            await socket.AbortAsync();
        }
        else
        {
            await socket.CloseAsync();
        }
    }

    private RealtimeHub Hub => Server.App.Services.GetRequiredService<RealtimeHub>();

    private static async Task<bool> IsOnlineAsync(TestUser asker, long userId)
    {
        var presence = (await asker.Api.GetAsync("/api/presence")).EnsureSuccess();
        return presence["online"].EnumerateArray().Any(i => i.GetInt64() == userId);
    }
}
