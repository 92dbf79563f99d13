using System.Net;
using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Members and roles of groups and channels: who may add, remove, rename and promote.</summary>
public sealed class ChatMembersApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private static async Task<JsonElement[]> MembersAsync(TestUser viewer, long chatId)
    {
        var response = await viewer.Api.GetAsync($"/api/chats/{chatId}/members");
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.Items();
    }

    private static async Task<string?> RoleOfAsync(TestUser viewer, long chatId, TestUser member) =>
        (await MembersAsync(viewer, chatId)).Where(m => m.Long("userId") == member.Id).Select(m => m.Str("role")).SingleOrDefault();

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
        Assert.Equal("member", await RoleOfAsync(owner, chatId, newcomer));
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

        Assert.Equal("member", await RoleOfAsync(owner, chatId, newcomer));
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

        Assert.Null(await RoleOfAsync(owner, chatId, outsider));
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

        Assert.Null(await RoleOfAsync(owner, chatId, real));
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

        Assert.Null(await RoleOfAsync(owner, chatId, admin));
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

        Assert.Null(await RoleOfAsync(owner, chatId, member));
    }

    [Fact]
    public async Task Remove_AdminRemovingTheOwner_IsRejectedWithNotOwner()
    {
        var owner = await Server.RegisterAsync();
        var admin = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", admin);
        await owner.SetRoleAsync(chatId, admin, "admin");

        (await admin.Api.DeleteAsync($"/api/chats/{chatId}/members/{owner.Id}")).AssertProblem(HttpStatusCode.Forbidden, "not_owner");

        Assert.Equal("owner", await RoleOfAsync(admin, chatId, owner));
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

        Assert.Equal("admin", await RoleOfAsync(owner, chatId, admin2));
    }

    [Fact]
    public async Task Remove_PlainMemberRemovingAnother_IsRejectedWithNotChatAdmin()
    {
        var owner = await Server.RegisterAsync();
        var member1 = await Server.RegisterAsync();
        var member2 = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member1, member2);

        (await member1.Api.DeleteAsync($"/api/chats/{chatId}/members/{member2.Id}")).AssertProblem(HttpStatusCode.Forbidden, "not_chat_admin");

        Assert.Equal("member", await RoleOfAsync(owner, chatId, member2));
    }

    [Fact]
    public async Task Remove_SomeoneNotInTheChat_Is404UserNotFound()
    {
        var owner = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group");

        (await owner.Api.DeleteAsync($"/api/chats/{chatId}/members/{stranger.Id}")).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
    }

    [Fact]
    public async Task Leave_PlainMemberLeavesAndTheChatLeavesTheirList()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);

        (await member.Api.DeleteAsync($"/api/chats/{chatId}/members/{member.Id}")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Null(await member.ChatRowAsync(chatId));
        Assert.Null(await RoleOfAsync(owner, chatId, member));
    }

    [Fact]
    public async Task SetRole_OwnerPromotesAndDemotes()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);

        await owner.SetRoleAsync(chatId, member, "admin");
        Assert.Equal("admin", await RoleOfAsync(owner, chatId, member));
        Assert.Equal("admin", (await member.ChatRowAsync(chatId))!.Value.Str("role"));

        await owner.SetRoleAsync(chatId, member, "member");
        Assert.Equal("member", await RoleOfAsync(owner, chatId, member));
    }

    [Fact]
    public async Task SetRole_ByAdmin_IsRejectedWithNotOwner()
    {
        var owner = await Server.RegisterAsync();
        var admin = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", admin, member);
        await owner.SetRoleAsync(chatId, admin, "admin");

        (await admin.Api.PutAsync($"/api/chats/{chatId}/members/{member.Id}/role", new { role = "admin" })).AssertProblem(HttpStatusCode.Forbidden, "not_owner");
        (await member.Api.PutAsync($"/api/chats/{chatId}/members/{member.Id}/role", new { role = "admin" })).AssertProblem(HttpStatusCode.Forbidden, "not_owner");

        Assert.Equal("member", await RoleOfAsync(owner, chatId, member));
    }

    [Fact]
    public async Task SetRole_GivingOrTakingOwnership_IsRejectedWithInvalidRole()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);

        (await owner.Api.PutAsync($"/api/chats/{chatId}/members/{member.Id}/role", new { role = "owner" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_role");
        (await owner.Api.PutAsync($"/api/chats/{chatId}/members/{owner.Id}/role", new { role = "member" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_role");

        Assert.Equal("owner", await RoleOfAsync(owner, chatId, owner));
        Assert.Equal("member", await RoleOfAsync(owner, chatId, member));
    }

    [Fact]
    public async Task OwnerLeaving_HandsOwnershipToAnAdminBeforeAnEarlierMember()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var admin = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);
        (await owner.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { admin.Id } })).AssertStatus(HttpStatusCode.OK);
        await owner.SetRoleAsync(chatId, admin, "admin");

        (await owner.Api.DeleteAsync($"/api/chats/{chatId}/members/{owner.Id}")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Equal("owner", await RoleOfAsync(member, chatId, admin));
        Assert.Equal("member", await RoleOfAsync(member, chatId, member));
        Assert.Null(await RoleOfAsync(member, chatId, owner));
    }

    [Fact]
    public async Task OwnerLeaving_WithTwoAdmins_HandsOwnershipToTheLongestServing()
    {
        var owner = await Server.RegisterAsync();
        var senior = await Server.RegisterAsync();
        var junior = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", senior);
        (await owner.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { junior.Id } })).AssertStatus(HttpStatusCode.OK);
        await owner.SetRoleAsync(chatId, junior, "admin"); // promoted first, but joined later
        await owner.SetRoleAsync(chatId, senior, "admin");

        (await owner.Api.DeleteAsync($"/api/chats/{chatId}/members/{owner.Id}")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Equal("owner", await RoleOfAsync(senior, chatId, senior));
        Assert.Equal("admin", await RoleOfAsync(senior, chatId, junior));
    }

    [Fact]
    public async Task OwnerLeaving_WithoutAdmins_HandsOwnershipToTheLongestServingMember()
    {
        var owner = await Server.RegisterAsync();
        var first = await Server.RegisterAsync();
        var later = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", first);
        (await owner.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { later.Id } })).AssertStatus(HttpStatusCode.OK);

        (await owner.Api.DeleteAsync($"/api/chats/{chatId}/members/{owner.Id}")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Equal("owner", await RoleOfAsync(first, chatId, first));
        Assert.Equal("member", await RoleOfAsync(first, chatId, later));
        // The new owner really owns it: they can promote.
        await first.SetRoleAsync(chatId, later, "admin");
    }

    [Fact]
    public async Task Channel_PlainMemberCannotPost_ChannelReadOnly()
    {
        var owner = await Server.RegisterAsync();
        var reader = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("channel", reader);
        await owner.SendAsync(chatId, "announcement");
        var cursor = await owner.CursorAsync();

        (await reader.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = TestData.ClientId(), text = "can I talk?" }))
            .AssertProblem(HttpStatusCode.Forbidden, "channel_read_only");

        Assert.Equal(["announcement"], await reader.TextsAsync(chatId));
        await owner.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task Channel_AdminCanPost()
    {
        var owner = await Server.RegisterAsync();
        var admin = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("channel", admin);
        await owner.SetRoleAsync(chatId, admin, "admin");

        await admin.SendAsync(chatId, "from the admin");

        Assert.Equal(["from the admin"], await owner.TextsAsync(chatId));
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
        (await alice.Api.PatchAsync(chat, new { title = "Our chat" })).AssertProblem(HttpStatusCode.Forbidden, "not_chat_admin");
        (await alice.Api.PostAsync($"{chat}/members", new { userIds = new[] { carol.Id } })).AssertProblem(HttpStatusCode.Forbidden, "not_chat_admin");

        Assert.Equal(new[] { alice.Id, bob.Id }.Order(), (await MembersAsync(alice, chatId)).Select(m => m.Long("userId")).Order());
        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task OwnerLeaving_LogsTheNewOwnerThenTheLeaveThenChatRemoved()
    {
        var owner = await Server.RegisterAsync();
        var heir = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", heir);
        var heirCursor = await heir.CursorAsync();
        var ownerCursor = await owner.CursorAsync();

        (await owner.Api.DeleteAsync($"/api/chats/{chatId}/members/{owner.Id}")).AssertStatus(HttpStatusCode.NoContent);

        var seenByHeir = await heir.NewEventsAsync(heirCursor, chatId);
        Assert.Equal(["member.role", "member.left"], seenByHeir.Select(e => e.Str("type")));
        Assert.Equal(heir.Id, seenByHeir[0].GetProperty("payload").Long("userId"));
        Assert.Equal("owner", seenByHeir[0].GetProperty("payload").Str("role"));
        Assert.Equal(owner.Id, seenByHeir[1].GetProperty("payload").Long("userId"));
        var removed = Assert.Single(await owner.EventsAfterAsync(ownerCursor), e => e.Str("type") == "chat.removed");
        Assert.Equal(chatId, removed.GetProperty("payload").Long("chatId"));
    }

    [Fact]
    public async Task SetRole_ToTheCurrentRole_LogsNoEvent()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);
        var cursor = await owner.CursorAsync();

        await owner.SetRoleAsync(chatId, member, "member");

        await owner.AssertNoNewEventsAsync(cursor, chatId);
    }
}
