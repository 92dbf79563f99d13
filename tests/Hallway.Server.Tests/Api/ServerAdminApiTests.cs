using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>The server admin: the first account of a fresh server. Each test starts its own server.</summary>
public sealed class ServerAdminApiTests
{
    [Fact]
    public async Task Register_FirstAccountOfAFreshServer_IsAdminAndLaterOnesAreNot()
    {
        await using var server = await TestServer.StartAsync();

        var first = await server.RegisterAsync();
        var second = await server.RegisterAsync();

        Assert.True((await first.Api.GetAsync("/api/me")).Json.GetProperty("isAdmin").GetBoolean());
        Assert.False((await second.Api.GetAsync("/api/me")).Json.GetProperty("isAdmin").GetBoolean());
        Assert.True((await second.Api.GetAsync($"/api/users/{first.Id}")).Json.GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task Lobby_ServerAdminIsItsAdminAndOthersAreMembers()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var user = await server.RegisterAsync();

        var lobby = await user.LobbyIdAsync();
        Assert.Equal("admin", (await admin.ChatRowAsync(lobby))!.Value.Str("role"));
        Assert.Equal("member", (await user.ChatRowAsync(lobby))!.Value.Str("role"));
    }

    [Fact]
    public async Task Delete_ServerAdminWhoIsAPlainMember_DeletesAnyMessage()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var owner = await server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", admin);
        var message = await owner.SendAsync(chatId, "something to moderate");

        var response = await admin.Api.DeleteAsync($"/api/messages/{message.Long("id")}");

        response.AssertStatus(HttpStatusCode.OK);
        var seen = await owner.MessageAsync(message.Long("id"));
        Assert.Equal(string.Empty, seen.Str("text"));
        Assert.Equal(admin.Id, seen.Long("deletedBy"));
    }

    [Fact]
    public async Task Delete_ServerAdminInTheLobby_DeletesAnyonesMessage()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var user = await server.RegisterAsync();
        var lobby = await user.LobbyIdAsync();
        var message = await user.SendAsync(lobby, "spam in the lobby");

        (await admin.Api.DeleteAsync($"/api/messages/{message.Long("id")}")).AssertStatus(HttpStatusCode.OK);

        Assert.False((await user.MessageAsync(message.Long("id"))).IsNull("deletedAt"));
    }

    [Fact]
    public async Task Delete_PlainUserInTheLobby_CannotDeleteAnothersMessage()
    {
        await using var server = await TestServer.StartAsync();
        await server.RegisterAsync(); // the admin
        var alice = await server.RegisterAsync();
        var bob = await server.RegisterAsync();
        var lobby = await alice.LobbyIdAsync();
        var message = await alice.SendAsync(lobby, "mine");

        (await bob.Api.DeleteAsync($"/api/messages/{message.Long("id")}")).AssertProblem(HttpStatusCode.Forbidden, "not_your_message");

        Assert.Equal("mine", (await alice.MessageAsync(message.Long("id"))).Str("text"));
    }

    [Fact]
    public async Task ServerAdmin_ActsOnMessagesOnlyInChatsTheyAreIn()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var alice = await server.RegisterAsync();
        var bob = await server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var message = await alice.SendAsync(chatId, "private");

        (await admin.Api.DeleteAsync($"/api/messages/{message.Long("id")}")).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        (await admin.Api.GetAsync($"/api/chats/{chatId}/messages")).AssertProblem(HttpStatusCode.Forbidden, "not_member");

        Assert.Equal(["private"], await bob.TextsAsync(chatId));
    }

    [Fact]
    public async Task Lobby_ServerAdminRenamesItAndMakesLobbyAdmins()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var user = await server.RegisterAsync();
        var lobby = await admin.LobbyIdAsync();

        var renamed = await admin.Api.PatchAsync($"/api/chats/{lobby}", new { description = "Everyone, welcome" });
        renamed.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Everyone, welcome", renamed.Json.Str("description"));
        await admin.SetRoleAsync(lobby, user, "admin");
        Assert.Equal("admin", (await user.ChatRowAsync(lobby))!.Value.Str("role"));
        (await admin.Api.PostAsync($"/api/chats/{lobby}/members", new { userIds = new[] { user.Id } })).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
    }

    [Fact]
    public async Task Lobby_PlainMemberCannotRenameItOrSetRoles()
    {
        await using var server = await TestServer.StartAsync();
        await server.RegisterAsync(); // the admin
        var alice = await server.RegisterAsync();
        var bob = await server.RegisterAsync();
        var lobby = await alice.LobbyIdAsync();

        (await alice.Api.PatchAsync($"/api/chats/{lobby}", new { title = "Alice's place" })).AssertProblem(HttpStatusCode.Forbidden, "not_chat_admin");
        (await alice.Api.PutAsync($"/api/chats/{lobby}/members/{bob.Id}/role", new { role = "admin" })).AssertProblem(HttpStatusCode.Forbidden, "not_owner");

        Assert.Equal("Lobby", (await alice.Api.GetAsync($"/api/chats/{lobby}"))["chat"].Str("title"));
    }
}
