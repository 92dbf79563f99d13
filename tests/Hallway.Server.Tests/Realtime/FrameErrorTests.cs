using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>
/// Frames the server cannot use get an error answer (and the socket stays usable), or close the
/// socket when they break the protocol itself. Either way nothing is stored.
/// </summary>
public sealed class FrameErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task MalformedJson_IsBadJson_AndTheSocketStaysUsable()
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;

        await socket.SendTextAsync("{\"type\":\"send\",\"data\":{\"chatId\":" + chatId + ",\"clientId\":\"x\",\"text\":\"half");
        var error = await socket.TakeAsync(e => Rt.TypeOf(e) == "error");

        Assert.Equal("bad_json", error.GetProperty("data").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("id").ValueKind);
        await socket.RequestOkAsync("ping", null);
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    [Fact]
    public async Task EmptyMessage_IsBadJson_AndTheSocketStaysUsable()
    {
        var (_, _, socket) = await SetUpAsync();
        await using var _ = socket;

        await socket.SendTextAsync(string.Empty);
        await socket.RequestOkAsync("ping", null);

        // Requests are read in order and bad_json is answered at once: it came before the ping's ok.
        Assert.Contains(socket.Pending(), o => Rt.TypeOf(o) == "error" && o.GetProperty("data").GetProperty("code").GetString() == "bad_json");
    }

    [Fact]
    public async Task TwoObjectsInOneMessage_AreBadJson_AndNeitherRuns()
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;
        var one = JsonSerializer.Serialize(new { type = "send", id = "one", data = Rt.Send(chatId, "first of two") }, Wire.Options);
        var two = JsonSerializer.Serialize(new { type = "send", id = "two", data = Rt.Send(chatId, "second of two") }, Wire.Options);

        await socket.SendTextAsync(one + "\n" + two);
        var error = await socket.TakeAsync(e => Rt.TypeOf(e) == "error");

        Assert.Equal("bad_json", error.GetProperty("data").GetProperty("code").GetString());
        await socket.RequestOkAsync("ping", null);
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    [Theory]
    [InlineData("[{\"type\":\"ping\",\"id\":\"e1\"}]")]
    [InlineData("\"ping\"")]
    [InlineData("null")]
    [InlineData("{\"id\":\"e1\",\"data\":{}}")]
    [InlineData("{\"type\":\"\",\"id\":\"e1\"}")]
    [InlineData("{\"type\":7,\"id\":\"e1\"}")]
    [InlineData("{\"type\":\"ping\",\"id\":5}")]
    [InlineData("{\"type\":\"\\ud800\",\"id\":\"e1\"}")]
    [InlineData("{\"type\":\"ping\",\"id\":\"\\ud800\"}")]
    [InlineData("{\"type\":\"ping\",\"id\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}")]
    public async Task FrameThatIsNotAnEnvelope_IsBadRequest_AndTheSocketStaysUsable(string frame)
    {
        var (_, _, socket) = await SetUpAsync();
        await using var _ = socket;

        await socket.SendTextAsync(frame);
        var error = await socket.TakeAsync(e => Rt.TypeOf(e) == "error");

        Assert.Equal("bad_request", error.GetProperty("data").GetProperty("code").GetString());
        await socket.RequestOkAsync("ping", null);
    }

    [Fact]
    public async Task EnvelopeWithoutType_EchoesItsId()
    {
        var (_, _, socket) = await SetUpAsync();
        await using var _ = socket;

        await socket.SendTextAsync("{\"id\":\"no-type\",\"data\":{}}");
        var error = await socket.TakeAsync(e => Rt.TypeOf(e) == "error");

        Assert.Equal("no-type", error.GetProperty("id").GetString());
    }

    [Fact]
    public async Task UnknownType_IsUnknownType_AndTheSocketStaysUsable()
    {
        var (_, _, socket) = await SetUpAsync();
        await using var _ = socket;

        Assert.Equal("unknown_type", await socket.RequestErrorAsync("teleport", new { chatId = 1 }));
        await socket.RequestOkAsync("ping", null);
    }

    [Fact]
    public async Task InvalidUtf8InATextFrame_ClosesWith1007_AndStoresNothing()
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;
        var prefix = System.Text.Encoding.UTF8.GetBytes("{\"type\":\"send\",\"id\":\"u\",\"data\":{\"chatId\":" + chatId + ",\"clientId\":\"utf\",\"text\":\"bad ");
        var suffix = System.Text.Encoding.UTF8.GetBytes("\"}}");

        await socket.SendBytesAsync([.. prefix, 0xC3, 0x28, 0xFF, .. suffix], System.Net.WebSockets.WebSocketMessageType.Text);
        await socket.WaitClosedAsync();

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.InvalidPayloadData, socket.CloseStatus);
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    [Fact]
    public async Task BinaryFrame_ClosesWith1003_AndStoresNothing()
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;
        var send = JsonSerializer.SerializeToUtf8Bytes(new { type = "send", id = "b", data = Rt.Send(chatId, "binary") }, Wire.Options);

        await socket.SendBytesAsync(send, System.Net.WebSockets.WebSocketMessageType.Binary);
        await socket.WaitClosedAsync();

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.InvalidMessageType, socket.CloseStatus);
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    [Fact]
    public async Task FrameOver64KiB_ClosesWith1009_AndStoresNothing()
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;

        await socket.SendBytesAsync(Padded(Rt.Send(chatId, "huge"), 64 * 1024 + 1), System.Net.WebSockets.WebSocketMessageType.Text);
        await socket.WaitClosedAsync();

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    [Fact]
    public async Task FrameOfExactly64KiB_IsAccepted()
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;

        await socket.SendBytesAsync(Padded(Rt.Send(chatId, "just fits"), 64 * 1024), System.Net.WebSockets.WebSocketMessageType.Text);
        var answer = await socket.TakeAsync(e => Rt.HasId(e, "pad"));

        Assert.Equal("ok", Rt.TypeOf(answer));
        Assert.Equal("just fits", Assert.Single(await Rt.HistoryAsync(alice, chatId)).GetProperty("text").GetString());
    }

    /// <summary>A send request padded with JSON whitespace to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Padded(object data, int size)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new { type = "send", id = "pad", data }, Wire.Options);
        return [.. json[..^1], .. Enumerable.Repeat((byte)' ', size - json.Length), (byte)'}'];
    }

    private Task<(TestUser Alice, long ChatId, WsClient Socket)> SetUpAsync() => Rt.DirectChatAndSocketAsync(Server);
}
