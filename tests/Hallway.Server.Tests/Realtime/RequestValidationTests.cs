using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>Requests of the right envelope but unusable data are answered with an error and store nothing.</summary>
public sealed class RequestValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Send_WithALoneSurrogate_IsRejectedWithAnAnswer_AndStoresNothing()
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;

        await socket.SendTextAsync("{\"type\":\"send\",\"id\":\"lone\",\"data\":{\"chatId\":" + chatId + ",\"clientId\":\"lone-1\",\"text\":\"half \\ud83d a smile\"}}");
        var answer = await socket.TakeAsync(e => Rt.HasId(e, "lone"));

        Assert.Equal("error", Rt.TypeOf(answer));
        Assert.Contains(answer.GetProperty("data").GetProperty("code").GetString(), new[] { "invalid_text", "bad_request" });
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    [Theory]
    [InlineData("{\"chatId\":\"CHAT\",\"clientId\":\"w1\",\"text\":\"string chat id\"}")]
    [InlineData("{\"chatId\":CHAT,\"clientId\":\"w1\",\"text\":42}")]
    [InlineData("{\"chatId\":CHAT,\"text\":\"no client id\"}")]
    [InlineData("{\"chatId\":CHAT,\"clientId\":\"w1\",\"attachments\":\"1\"}")]
    [InlineData("{\"chatId\":CHAT,\"clientId\":\"w1\",\"sticker\":5}")]
    [InlineData("{\"chatId\":CHAT.5,\"clientId\":\"w1\",\"text\":\"fractional chat id\"}")]
    [InlineData("{\"chatId\":null,\"clientId\":\"w1\",\"text\":\"null chat id\"}")]
    [InlineData("{\"clientId\":\"w1\",\"text\":\"no chat id\"}")]
    [InlineData("[CHAT,\"w1\",\"array data\"]")]
    [InlineData("\"data as a string\"")]
    public async Task Send_WithWrongDataTypes_IsBadRequest_AndStoresNothing(string data)
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;

        await socket.SendTextAsync("{\"type\":\"send\",\"id\":\"w\",\"data\":" + data.Replace("CHAT", chatId.ToString()) + "}");
        var answer = await socket.TakeAsync(e => Rt.HasId(e, "w"));

        Assert.Equal("error", Rt.TypeOf(answer));
        Assert.Equal("bad_request", answer.GetProperty("data").GetProperty("code").GetString());
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    /// <summary>Text may be left out now that a message can be files or a sticker; with neither, it is empty.</summary>
    [Theory]
    [InlineData("{\"chatId\":CHAT,\"clientId\":\"w1\"}")]
    [InlineData("{\"chatId\":CHAT,\"clientId\":\"w1\",\"text\":null}")]
    [InlineData("{\"chatId\":CHAT,\"clientId\":\"w1\",\"text\":null,\"attachments\":[]}")]
    public async Task Send_WithNoTextFilesOrSticker_IsMessageEmpty_AndStoresNothing(string data)
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;

        await socket.SendTextAsync("{\"type\":\"send\",\"id\":\"e\",\"data\":" + data.Replace("CHAT", chatId.ToString()) + "}");
        var answer = await socket.TakeAsync(e => Rt.HasId(e, "e"));

        Assert.Equal("error", Rt.TypeOf(answer));
        Assert.Equal("message_empty", answer.GetProperty("data").GetProperty("code").GetString());
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    [Fact]
    public async Task Send_WithoutData_IsBadRequest()
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;

        await socket.SendTextAsync("{\"type\":\"send\",\"id\":\"nodata\"}");
        var answer = await socket.TakeAsync(e => Rt.HasId(e, "nodata"));

        Assert.Equal("bad_request", answer.GetProperty("data").GetProperty("code").GetString());
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    [Theory]
    [InlineData("", "message_empty")]
    [InlineData("   \n\t ", "message_empty")]
    [InlineData("bell\u0007", "invalid_text")]
    public async Task Send_WithUnusableText_IsRejected_AndStoresNothing(string text, string code)
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;

        Assert.Equal(code, await socket.RequestErrorAsync("send", Rt.Send(chatId, text)));
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    [Fact]
    public async Task Send_TextLongerThanTheLimit_IsMessageTooLong_ButTheLimitItselfIsFine()
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;

        Assert.Equal("message_too_long", await socket.RequestErrorAsync("send", Rt.Send(chatId, new string('a', 4001))));
        Assert.Equal("message_too_long", await socket.RequestErrorAsync("send", Rt.Send(chatId, string.Concat(Enumerable.Repeat("😀", 4001)))));
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));

        // Code points count, not UTF-16 units: 4000 emoji are 8000 chars and still fit.
        await socket.RequestOkAsync("send", Rt.Send(chatId, new string('a', 4000)));
        await socket.RequestOkAsync("send", Rt.Send(chatId, string.Concat(Enumerable.Repeat("😀", 4000))));
        Assert.Equal(2, (await Rt.HistoryAsync(alice, chatId)).Count);
    }

    [Fact]
    public async Task EditWithEmptyOrOverlongText_IsRejected_AndTheMessageIsUnchanged()
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;
        var messageId = (await socket.RequestOkAsync("send", Rt.Send(chatId, "keep me"))).GetProperty("message").GetProperty("id").GetInt64();

        Assert.Equal("message_empty", await socket.RequestErrorAsync("edit", new { messageId, text = " " }));
        Assert.Equal("message_too_long", await socket.RequestErrorAsync("edit", new { messageId, text = new string('b', 4001) }));

        var stored = Assert.Single(await Rt.HistoryAsync(alice, chatId));
        Assert.Equal("keep me", stored.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("editedAt").ValueKind);
    }

    [Fact]
    public async Task UnknownIds_AreChatNotFound_OrMessageNotFound()
    {
        var (alice, chatId, socket) = await SetUpAsync();
        await using var _ = socket;
        const long NoSuchId = 987_654_321;

        Assert.Equal("chat_not_found", await socket.RequestErrorAsync("send", Rt.Send(NoSuchId, "into the void")));
        Assert.Equal("chat_not_found", await socket.RequestErrorAsync("read", new { chatId = NoSuchId, seq = 1 }));
        Assert.Equal("chat_not_found", await socket.RequestErrorAsync("typing", new { chatId = NoSuchId }));
        Assert.Equal("message_not_found", await socket.RequestErrorAsync("edit", new { messageId = NoSuchId, text = "x" }));
        Assert.Equal("message_not_found", await socket.RequestErrorAsync("delete", new { messageId = NoSuchId }));
        Assert.Equal("message_not_found", await socket.RequestErrorAsync("react", new { messageId = NoSuchId, emoji = "👍" }));
        Assert.Equal("reply_not_found", await socket.RequestErrorAsync("send", new { chatId, clientId = TestData.ClientId(), text = "re: nothing", replyToId = NoSuchId }));
        Assert.Empty(await Rt.HistoryAsync(alice, chatId));
    }

    private Task<(TestUser Alice, long ChatId, WsClient Socket)> SetUpAsync() => Rt.DirectChatAndSocketAsync(Server);
}
