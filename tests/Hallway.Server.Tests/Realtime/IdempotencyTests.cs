using System.Net;
using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>A retried send (same clientId) stores one message and one event, whichever way it came.</summary>
public sealed class IdempotencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    public enum Way
    {
        Socket,
        Http,
    }

    [Theory]
    [InlineData(Way.Socket, Way.Socket)]
    [InlineData(Way.Http, Way.Http)]
    [InlineData(Way.Socket, Way.Http)]
    [InlineData(Way.Http, Way.Socket)]
    public async Task RetriedSend_SameClientId_SameMessage_DuplicateTheSecondTime_OneEvent(Way firstWay, Way secondWay)
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (bobSocket, cursor) = await bob.OpenAsync();
        await using var _ = bobSocket;
        var (aliceSocket, _) = await alice.OpenAsync();
        await using var __ = aliceSocket;
        var clientId = TestData.ClientId();

        var (firstId, firstDuplicate) = await SendAsync(firstWay, alice, aliceSocket, chatId, clientId, "only once");
        var (secondId, secondDuplicate) = await SendAsync(secondWay, alice, aliceSocket, chatId, clientId, "only once");

        Assert.False(firstDuplicate);
        Assert.True(secondDuplicate);
        Assert.Equal(firstId, secondId);
        var stored = await Rt.HistoryAsync(alice, chatId);
        Assert.Equal(firstId, Assert.Single(stored).GetProperty("id").GetInt64());

        // One message.created, live and in the log: a later message marks the end of what came.
        await alice.SendAsync(chatId, "marker");
        var events = await Rt.TakeEventsThroughTextAsync(bobSocket, chatId, "marker");
        Assert.Equal(["only once", "marker"], Rt.CreatedTexts(events, chatId));
        var logged = await Rt.LoggedEventsAsync(bob, cursor);
        Assert.Single(logged, e => Rt.IsCreatedIn(e, chatId) && Rt.MessageOf(e).GetProperty("id").GetInt64() == firstId);
    }

    [Fact]
    public async Task RetriedSend_WithDifferentText_ReturnsTheOriginalMessage()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (socket, _) = await alice.OpenAsync();
        await using var _ = socket;

        var first = await socket.RequestOkAsync("send", Rt.Send(chatId, "original", "retry-1"));
        var second = await socket.RequestOkAsync("send", Rt.Send(chatId, "changed on retry", "retry-1"));

        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("message").GetProperty("id").GetInt64(), second.GetProperty("message").GetProperty("id").GetInt64());
        Assert.Equal("original", second.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("original", Assert.Single(await Rt.HistoryAsync(alice, chatId)).GetProperty("text").GetString());
    }

    [Fact]
    public async Task ConcurrentSends_SameClientId_OneStoredOneDuplicate()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (socket, _) = await alice.OpenAsync();
        await using var _ = socket;

        async Task<JsonElement> HttpSendAsync() =>
            (await alice.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = "race-1", text = "race" })).EnsureSuccess().Json;

        // All three are in flight at once (the socket allows several requests in flight).
        var answers = await Task.WhenAll(
            socket.RequestOkAsync("send", Rt.Send(chatId, "race", "race-1")),
            socket.RequestOkAsync("send", Rt.Send(chatId, "race", "race-1")),
            HttpSendAsync());

        Assert.Single(answers, a => !a.GetProperty("duplicate").GetBoolean());
        Assert.Single(answers.Select(a => a.GetProperty("message").GetProperty("id").GetInt64()).Distinct());
        Assert.Single(await Rt.HistoryAsync(alice, chatId));
    }

    [Fact]
    public async Task SameClientId_InAnotherChat_IsRejected_AndStoresNothing()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var carol = await Server.RegisterAsync();
        var withBob = await alice.OpenDirectAsync(bob);
        var withCarol = await alice.OpenDirectAsync(carol);
        var (socket, _) = await alice.OpenAsync();
        await using var _ = socket;

        await socket.RequestOkAsync("send", Rt.Send(withBob, "to bob", "shared-id"));
        var code = await socket.RequestErrorAsync("send", Rt.Send(withCarol, "to carol", "shared-id"));

        Assert.Equal("invalid_client_id", code);
        Assert.Empty(await Rt.HistoryAsync(alice, withCarol));
    }

    private static async Task<(long Id, bool Duplicate)> SendAsync(Way way, TestUser user, WsClient socket, long chatId, string clientId, string text)
    {
        JsonElement answer;
        if (way == Way.Socket)
        {
            answer = await socket.RequestOkAsync("send", new { chatId, clientId, text });
        }
        else
        {
            var response = await user.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId, text });
            answer = response.EnsureSuccess().Json;
            var duplicate = answer.GetProperty("duplicate").GetBoolean();
            Assert.Equal(duplicate ? HttpStatusCode.OK : HttpStatusCode.Created, response.Status);
        }

        return (answer.GetProperty("message").GetProperty("id").GetInt64(), answer.GetProperty("duplicate").GetBoolean());
    }
}
