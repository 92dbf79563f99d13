using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Members of groups and channels: who may add, remove and rename; leaving; direct chats are not managed.</summary>
public sealed class ChatMembersApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task AddMembers_ByOwner_AddsThemAndLogsMemberJoined()
    {
        var owner = await Server.RegisterAsync();
        var newcomer = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group");
        var cursor = await owner.CursorAsync();

        var response = await owner.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { newcomer.Id } });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Contains(response.Json.Items(), m => m.Long("userId") == newcomer.Id);
        Assert.Equal("member", await owner.RoleOfAsync(chatId, newcomer));
        Assert.NotNull(await newcomer.ChatRowAsync(chatId));
        var joined = Assert.Single(await owner.NewEventsAsync(cursor, chatId), e => e.Str("type") == "member.joined");
        Assert.Equal(newcomer.Id, joined.GetProperty("payload").Long("userId"));
    }

    [Fact]
    public async Task AddMembers_ByAdmin_IsAllowed()
    {
        var owner = await Server.RegisterAsync();
        var admin = await Server.RegisterAsync();
        var newcomer = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", admin);
        await owner.SetRoleAsync(chatId, admin, "admin");

        (await admin.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { newcomer.Id } })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("member", await owner.RoleOfAsync(chatId, newcomer));
    }

    [Fact]
    public async Task AddMembers_ByPlainMember_IsRejectedWithNotChatAdmin()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var outsider = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);
        var cursor = await owner.CursorAsync();

        (await member.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { outsider.Id } }))
            .AssertProblem(HttpStatusCode.Forbidden, "not_chat_admin");

        Assert.Null(await owner.RoleOfAsync(chatId, outsider));
        await owner.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task AddMembers_AlreadyMember_Is409AlreadyMember()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);

        (await owner.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { member.Id } }))
            .AssertProblem(HttpStatusCode.Conflict, "already_member");
    }

    [Fact]
    public async Task AddMembers_UnknownUser_Is404UserNotFoundAndAddsNobody()
    {
        var owner = await Server.RegisterAsync();
        var real = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group");

        (await owner.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { real.Id, 987654321L } }))
            .AssertProblem(HttpStatusCode.NotFound, "user_not_found");

        Assert.Null(await owner.RoleOfAsync(chatId, real));
    }

    [Fact]
    public async Task AddMembers_EmptyList_IsRejectedWithInvalidMembers()
    {
        var owner = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group");
        (await owner.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = Array.Empty<long>() }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_members");
    }

    [Fact]
    public async Task Rename_ByOwnerOrAdmin_ChangesTitleAndDescription()
    {
        var owner = await Server.RegisterAsync();
        var admin = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", admin);
        await owner.SetRoleAsync(chatId, admin, "admin");

        var byOwner = await owner.Api.PatchAsync($"/api/chats/{chatId}", new { title = "Renamed" });
        byOwner.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Renamed", byOwner.Json.Str("title"));

        var byAdmin = await admin.Api.PatchAsync($"/api/chats/{chatId}", new { description = "New description" });
        byAdmin.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Renamed", byAdmin.Json.Str("title"));
        Assert.Equal("New description", byAdmin.Json.Str("description"));
    }

    [Fact]
    public async Task Rename_ByPlainMember_IsRejectedWithNotChatAdmin()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);
        var title = (await owner.Api.GetAsync($"/api/chats/{chatId}"))["chat"].Str("title");
        var cursor = await owner.CursorAsync();

        (await member.Api.PatchAsync($"/api/chats/{chatId}", new { title = "Hijacked" })).AssertProblem(HttpStatusCode.Forbidden, "not_chat_admin");

        Assert.Equal(title, (await owner.Api.GetAsync($"/api/chats/{chatId}"))["chat"].Str("title"));
        await owner.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task Remove_ByOwner_RemovesAdminAndTheyLoseAccess()
    {
        var owner = await Server.RegisterAsync();
        var admin = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", admin);
        await owner.SetRoleAsync(chatId, admin, "admin");
        var cursor = await admin.CursorAsync();

        (await owner.Api.DeleteAsync($"/api/chats/{chatId}/members/{admin.Id}")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Null(await owner.RoleOfAsync(chatId, admin));
        Assert.Null(await admin.ChatRowAsync(chatId));
        (await admin.Api.GetAsync($"/api/chats/{chatId}/messages")).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        Assert.Contains(await admin.EventsAfterAsync(cursor), e => e.Str("type") == "chat.removed" && e.GetProperty("payload").Long("chatId") == chatId);
    }

    [Fact]
    public async Task Remove_ByAdmin_RemovesAPlainMember()
    {
        var owner = await Server.RegisterAsync();
        var admin = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", admin, member);
        await owner.SetRoleAsync(chatId, admin, "admin");

        (await admin.Api.DeleteAsync($"/api/chats/{chatId}/members/{member.Id}")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Null(await owner.RoleOfAsync(chatId, member));
    }

    [Fact]
    public async Task Remove_AdminRemovingTheOwner_IsRejectedWithNotOwner()
    {
        var owner = await Server.RegisterAsync();
        var admin = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", admin);
        await owner.SetRoleAsync(chatId, admin, "admin");

        (await admin.Api.DeleteAsync($"/api/chats/{chatId}/members/{owner.Id}")).AssertProblem(HttpStatusCode.Forbidden, "not_owner");

        Assert.Equal("owner", await admin.RoleOfAsync(chatId, owner));
    }

    [Fact]
    public async Task Remove_AdminRemovingAnotherAdmin_IsRejectedWithNotOwner()
    {
        var owner = await Server.RegisterAsync();
        var admin1 = await Server.RegisterAsync();
        var admin2 = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", admin1, admin2);
        await owner.SetRoleAsync(chatId, admin1, "admin");
        await owner.SetRoleAsync(chatId, admin2, "admin");

        (await admin1.Api.DeleteAsync($"/api/chats/{chatId}/members/{admin2.Id}")).AssertProblem(HttpStatusCode.Forbidden, "not_owner");

        Assert.Equal("admin", await owner.RoleOfAsync(chatId, admin2));
    }

    [Fact]
    public async Task Remove_PlainMemberRemovingAnother_IsRejectedWithNotChatAdmin()
    {
        var owner = await Server.RegisterAsync();
        var member1 = await Server.RegisterAsync();
        var member2 = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member1, member2);

        (await member1.Api.DeleteAsync($"/api/chats/{chatId}/members/{member2.Id}")).AssertProblem(HttpStatusCode.Forbidden, "not_chat_admin");

        Assert.Equal("member", await owner.RoleOfAsync(chatId, member2));
    }

    [Fact]
    public async Task Remove_SomeoneNotInTheChat_Is404MemberNotFound()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);

        (await owner.Api.DeleteAsync($"/api/chats/{chatId}/members/{stranger.Id}")).AssertProblem(HttpStatusCode.NotFound, "member_not_found");
        (await owner.Api.DeleteAsync($"/api/chats/{chatId}/members/987654321")).AssertProblem(HttpStatusCode.NotFound, "member_not_found");
        // Checked before permissions: a plain member gets the same answer.
        (await member.Api.DeleteAsync($"/api/chats/{chatId}/members/{stranger.Id}")).AssertProblem(HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task Leave_PlainMemberLeavesAndTheChatLeavesTheirList()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);

        (await member.Api.DeleteAsync($"/api/chats/{chatId}/members/{member.Id}")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Null(await member.ChatRowAsync(chatId));
        Assert.Null(await owner.RoleOfAsync(chatId, member));
    }

    [Fact]
    public async Task DirectChat_CannotBeManagedLikeAGroup()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var carol = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var cursor = await alice.CursorAsync();
        var chat = $"/api/chats/{chatId}";

        (await alice.Api.DeleteAsync($"{chat}/members/{bob.Id}")).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
        (await alice.Api.DeleteAsync($"{chat}/members/{alice.Id}")).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
        (await alice.Api.PutAsync($"{chat}/members/{bob.Id}/role", new { role = "admin" })).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
        (await alice.Api.PatchAsync(chat, new { title = "Our chat" })).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
        (await alice.Api.PostAsync($"{chat}/members", new { userIds = new[] { carol.Id } })).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");

        Assert.Equal(new[] { alice.Id, bob.Id }.Order(), (await alice.MembersAsync(chatId)).Select(m => m.Long("userId")).Order());
        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }
}
