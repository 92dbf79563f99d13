using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests;

public sealed class SmokeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Healthz_AnswersOk()
    {
        var response = await Server.Anonymous().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("ok", response["status"].GetString());
    }

    [Fact]
    public async Task TwoUsers_ChatInRealTime()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (bobSocket, _) = await bob.OpenAsync();
        await using var _ = bobSocket;
        var (aliceSocket, _) = await alice.OpenAsync();
        await using var __ = aliceSocket;

        var ack = await aliceSocket.RequestOkAsync("send", new { chatId, clientId = "c1", text = "hello bob" });
        var created = await bobSocket.NextEventAsync("message.created");

        Assert.Equal("hello bob", created.GetProperty("payload").GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(ack.GetProperty("message").GetProperty("id").GetInt64(), created.GetProperty("payload").GetProperty("message").GetProperty("id").GetInt64());
    }
}
