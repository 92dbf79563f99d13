using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Every API route but register and login needs a live session: otherwise 401 unauthorized.</summary>
public sealed class AuthRequiredApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    public static readonly TheoryData<string, string> Routes = new()
    {
        { "GET", "/api/me" },
        { "PATCH", "/api/me" },
        { "GET", "/api/users?q=a" },
        { "GET", "/api/users/1" },
        { "GET", "/api/presence" },
        { "GET", "/api/contacts" },
        { "PUT", "/api/contacts/1" },
        { "DELETE", "/api/contacts/1" },
        { "POST", "/api/auth/logout" },
        { "GET", "/api/sessions" },
        { "DELETE", "/api/sessions/1" },
        { "POST", "/api/account/password" },
        { "GET", "/api/chats" },
        { "POST", "/api/chats" },
        { "POST", "/api/chats/direct" },
        { "GET", "/api/chats/1" },
        { "PATCH", "/api/chats/1" },
        { "DELETE", "/api/chats/1" },
        { "GET", "/api/chats/1/members" },
        { "POST", "/api/chats/1/members" },
        { "DELETE", "/api/chats/1/members/1" },
        { "PUT", "/api/chats/1/members/1/role" },
        { "PUT", "/api/chats/1/mute" },
        { "GET", "/api/chats/1/messages" },
        { "POST", "/api/chats/1/messages" },
        { "POST", "/api/chats/1/read" },
        { "POST", "/api/chats/1/typing" },
        { "GET", "/api/messages/1" },
        { "PATCH", "/api/messages/1" },
        { "DELETE", "/api/messages/1" },
        { "PUT", "/api/messages/1/reactions/%F0%9F%91%8D" },
        { "DELETE", "/api/messages/1/reactions/%F0%9F%91%8D" },
        { "GET", "/api/messages/1/readers" },
        { "GET", "/api/search?q=hello" },
        { "GET", "/api/events" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task NoToken_Is401Unauthorized(string method, string path)
    {
        using var anonymous = Server.Anonymous();
        var response = await anonymous.SendRawAsync(new HttpMethod(method), path, "{}"u8.ToArray());
        response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task BogusToken_Is401Unauthorized(string method, string path)
    {
        using var client = Server.Client("not-a-real-token");
        var response = await client.SendRawAsync(new HttpMethod(method), path, "{}"u8.ToArray());
        response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task OverlongToken_Is401Unauthorized()
    {
        using var client = Server.Client(new string('t', 5000));
        (await client.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task BogusCookie_Is401Unauthorized()
    {
        using var client = Server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", "hallway_session=forged");
        using var raw = await client.Http.SendAsync(request);
        (await ApiResponse.ReadAsync(raw)).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Unauthenticated_SendStoresNothing()
    {
        var user = await Server.RegisterAsync();
        var chatId = await user.CreateChatAsync("group");
        var cursor = await user.CursorAsync();
        using var anonymous = Server.Anonymous();

        (await anonymous.PostAsync($"/api/chats/{chatId}/messages", new { clientId = "anon", text = "who am I" })).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");

        Assert.Empty(await user.HistoryAsync(chatId));
        await user.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task HealthAndOpenApi_AreOpenToAnonymousClients()
    {
        using var anonymous = Server.Anonymous();
        (await anonymous.GetAsync("/healthz")).AssertStatus(HttpStatusCode.OK);
        (await anonymous.GetAsync("/openapi/v1.json")).AssertStatus(HttpStatusCode.OK);
    }
}
