using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>With one request in flight at a time, pipelined requests wait rather than fail.</summary>
public sealed class FlowControlTests
{
    [Fact]
    public async Task PipelinedRequests_WithMaxInFlightOne_AreAllAnswered_AndStoredInOrder()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hallway:Realtime:MaxInFlight"] = "1" });
        var alice = await server.RegisterAsync();
        var bob = await server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (socket, _) = await alice.OpenAsync();
        await using var _ = socket;
        var texts = Enumerable.Range(0, 20).Select(i => $"queued {i}").ToList();

        // All written before any answer is read.
        for (var i = 0; i < texts.Count; i++)
        {
            await socket.SendTextAsync(System.Text.Json.JsonSerializer.Serialize(new { type = "send", id = $"q{i}", data = Rt.Send(chatId, texts[i]) }, Wire.Options));
            await socket.SendTextAsync($"{{\"type\":\"ping\",\"id\":\"p{i}\"}}");
        }

        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal("ok", Rt.TypeOf(await socket.TakeAsync(e => Rt.HasId(e, $"q{i}"))));
            Assert.Equal("ok", Rt.TypeOf(await socket.TakeAsync(e => Rt.HasId(e, $"p{i}"))));
        }

        Assert.Equal(texts, (await Rt.HistoryAsync(alice, chatId)).Select(m => m.GetProperty("text").GetString()));
    }
}
