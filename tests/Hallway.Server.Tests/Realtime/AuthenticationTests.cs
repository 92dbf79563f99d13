using System.Net;
using System.Net.WebSockets;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>GET /ws is authenticated before the upgrade: no valid session, no socket.</summary>
public sealed class AuthenticationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-real-token")]
    [InlineData("")]
    public async Task Upgrade_WithoutAValidToken_Is401_AndNoSocketOpens(string? token)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        using var timeout = new CancellationTokenSource(WsClient.DefaultWait);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Rt.WsUri(Server.BaseAddress), timeout.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.NotEqual(WebSocketState.Open, socket.State);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-real-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task PlainGet_WithoutAValidToken_Is401Unauthorized(string? authorization)
    {
        var (status, code) = await Rt.PlainGetWsAsync(Server.BaseAddress, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("unauthorized", code);
    }

    [Fact]
    public async Task PlainGet_WithAValidToken_Is400WebSocketRequired()
    {
        var alice = await Server.RegisterAsync();

        var (status, code) = await Rt.PlainGetWsAsync(Server.BaseAddress, "Bearer " + alice.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("websocket_required", code);
    }

    [Fact]
    public async Task Upgrade_WithALoggedOutToken_Is401()
    {
        var alice = await Server.RegisterAsync();
        (await alice.Api.PostAsync("/api/auth/logout")).EnsureSuccess();

        var error = await Assert.ThrowsAsync<WebSocketException>(() => Rt.ConnectRawAsync(Server.BaseAddress, alice.Token));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_WithTheSessionCookie_OpensASocketForThatUser()
    {
        var alice = await Server.RegisterAsync();

        await using var socket = await WsClient.ConnectAsync(Server.BaseAddress, null, o => o.SetRequestHeader("Cookie", "hallway_session=" + alice.Token));
        var hello = await socket.RequestOkAsync("hello", new { });

        Assert.Equal(alice.Id, hello.GetProperty("userId").GetInt64());
    }

    [Fact]
    public async Task Upgrade_FromAPageOfAnotherSite_Is403_FromThisServersOwnPage_Works()
    {
        var alice = await Server.RegisterAsync();
        using var foreign = new ClientWebSocket();
        foreign.Options.CollectHttpResponseDetails = true;
        foreign.Options.SetRequestHeader("Cookie", "hallway_session=" + alice.Token);
        foreign.Options.SetRequestHeader("Origin", "http://evil.example");
        using var timeout = new CancellationTokenSource(WsClient.DefaultWait);

        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(Rt.WsUri(Server.BaseAddress), timeout.Token));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        var origin = $"http://{Server.BaseAddress.Authority}";
        await using var own = await WsClient.ConnectAsync(Server.BaseAddress, null, o =>
        {
            o.SetRequestHeader("Cookie", "hallway_session=" + alice.Token);
            o.SetRequestHeader("Origin", origin);
        });
        Assert.Equal(alice.Id, (await own.RequestOkAsync("hello", new { })).GetProperty("userId").GetInt64());
    }

    [Fact]
    public async Task PlainGet_FromAPageOfAnotherSite_IsOriginNotAllowed()
    {
        var alice = await Server.RegisterAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ws");
        request.Headers.Add("Origin", "http://evil.example");
        request.Headers.Add("Connection", "Upgrade");
        request.Headers.Add("Upgrade", "websocket");
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));

        using var response = await alice.Api.Http.SendAsync(request);
        var body = await ApiResponse.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, body.Status);
        Assert.Equal("origin_not_allowed", body.Code);
    }
}
