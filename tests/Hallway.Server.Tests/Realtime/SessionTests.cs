using System.Net.WebSockets;
using Hallway.Server.Realtime;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Server.Tests.Realtime;

/// <summary>Revoking a session (sign-out, revoke, password change) closes its sockets with 4001, and only its.</summary>
public sealed class SessionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int SessionRevoked = 4001;

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Logout_ClosesEverySocketOfThatSession_With4001_OthersStayOpen()
    {
        var alice = await Server.RegisterAsync();
        var aliceLaptop = await Rt.SignInAgainAsync(alice);
        var bob = await Server.RegisterAsync();
        await using var sockets = new SocketSet();
        var (tab1, _) = await alice.OpenAsync();
        var (tab2, _) = await alice.OpenAsync();
        var (laptop, _) = await aliceLaptop.OpenAsync();
        var (bobSocket, _) = await bob.OpenAsync();
        foreach (var socket in new[] { tab1, tab2, laptop, bobSocket })
        {
            sockets.Add(socket);
        }

        (await alice.Api.PostAsync("/api/auth/logout")).EnsureSuccess();

        foreach (var tab in new[] { tab1, tab2 })
        {
            await tab.WaitClosedAsync();
            Assert.Equal(SessionRevoked, (int?)tab.CloseStatus);
        }

        await laptop.NextEventAsync("session.revoked");
        await laptop.RequestOkAsync("ping", null);
        await bobSocket.RequestOkAsync("ping", null);
        Assert.Equal(WebSocketState.Open, laptop.State);
    }

    [Fact]
    public async Task RevokingAnotherSession_ClosesItsSockets_With4001_TheRevokerStaysOpen()
    {
        var alice = await Server.RegisterAsync();
        var phone = await Rt.SignInAgainAsync(alice);
        var (desk, _) = await alice.OpenAsync();
        await using var _ = desk;
        await using var phoneSocket = await phone.ConnectAsync();
        var phoneSession = (await phoneSocket.RequestOkAsync("hello", new { })).GetProperty("sessionId").GetInt64();

        (await alice.Api.DeleteAsync($"/api/sessions/{phoneSession}")).EnsureSuccess();

        await phoneSocket.WaitClosedAsync();
        Assert.Equal(SessionRevoked, (int?)phoneSocket.CloseStatus);
        var revoked = await desk.NextEventAsync("session.revoked");
        Assert.Contains(phoneSession, revoked.GetProperty("payload").GetProperty("sessionIds").EnumerateArray().Select(i => i.GetInt64()));
        await desk.RequestOkAsync("ping", null);
        Assert.Equal(WebSocketState.Open, desk.State);
    }

    [Fact]
    public async Task PasswordChange_ClosesTheOtherSessionsSockets_With4001_KeepsTheCurrentOne()
    {
        var alice = await Server.RegisterAsync();
        var other = await Rt.SignInAgainAsync(alice);
        var (current, _) = await alice.OpenAsync();
        await using var _ = current;
        var (otherSocket, _) = await other.OpenAsync();
        await using var __ = otherSocket;

        (await alice.Api.PostAsync("/api/account/password", new { currentPassword = alice.Password, newPassword = "a brand new passphrase" })).EnsureSuccess();

        await otherSocket.WaitClosedAsync();
        Assert.Equal(SessionRevoked, (int?)otherSocket.CloseStatus);
        await current.NextEventAsync("session.revoked");
        await current.RequestOkAsync("ping", null);
        Assert.Equal(WebSocketState.Open, current.State);
    }

    [Fact]
    public async Task SocketOfARevokedSession_IsClosedWith4001AtHello_AndWhatItSentAfterHelloIsNotCarriedOut()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        System.Net.Sockets.Socket? tcp = null;
        using var raw = await Rt.ConnectRawAsync(Server.BaseAddress, alice.Token, onConnected: s => tcp = s); // upgraded while valid
        (await alice.Api.PostAsync("/api/auth/logout")).EnsureSuccess();

        // A client sends hello and, without waiting, what it has queued.
        await Rt.SendJsonAsync(raw, new { type = "hello", id = "h", data = new { } });
        await Rt.SendJsonAsync(raw, new { type = "send", id = "s", data = Rt.Send(chatId, "from a revoked session") });
        var answers = new List<string>();
        for (string? frame; answers.Count < 100 && (frame = await Rt.ReceiveTextAsync(raw)) is not null;)
        {
            answers.Add(frame);
        }

        Assert.Equal(SessionRevoked, (int?)raw.CloseStatus);
        Assert.DoesNotContain(answers, a => a.Contains("\"type\":\"ok\"", StringComparison.Ordinal));

        // Without completing the close the server cuts the connection off after its grace period,
        // long after it read both requests; Bob's write then queues behind anything they wrote.
        await Rt.WaitServerHungUpAsync(tcp!, TimeSpan.FromSeconds(30));
        await bob.SendAsync(chatId, "barrier");
        Assert.Equal(["barrier"], (await Rt.HistoryAsync(bob, chatId)).Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task RevokedSocket_ThatIgnoresTheCloseFrame_CannotActAnyMore()
    {
        await using var server = await TestServer.StartAsync();
        var hub = server.App.Services.GetRequiredService<RealtimeHub>();
        var alice = await server.RegisterAsync();
        var bob = await server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        using var raw = await Rt.ConnectRawAsync(server.BaseAddress, alice.Token);
        await Rt.SendJsonAsync(raw, new { type = "hello", id = "h", data = new { } });
        await Rt.ReceiveTextAsync(raw);
        var connected = hub.ConnectionCount;

        (await alice.Api.PostAsync("/api/auth/logout")).EnsureSuccess();
        for (var frames = 0; frames < 100 && await Rt.ReceiveTextAsync(raw) is not null; frames++)
        {
        }

        Assert.Equal(SessionRevoked, (int?)raw.CloseStatus);

        // The close frame is ignored for a moment: a request, then the closing handshake.
        await Rt.SendJsonAsync(raw, new { type = "send", id = "ghost", data = Rt.Send(chatId, "sent after revocation") });
        await raw.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);

        // The server removes the socket only after reading up to the close, so after the request;
        // Bob's write then queues behind anything that request wrote.
        await Rt.WaitUntilAsync(() => Task.FromResult(hub.ConnectionCount < connected), "the server let go of the socket");
        await bob.SendAsync(chatId, "barrier");
        Assert.Equal(["barrier"], (await Rt.HistoryAsync(bob, chatId)).Select(m => m.GetProperty("text").GetString()));
    }
}
