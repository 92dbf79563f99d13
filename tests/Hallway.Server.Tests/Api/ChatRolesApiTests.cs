using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Roles in groups and channels: promoting, ownership hand-over when the owner leaves, read-only channels.</summary>
public sealed class ChatRolesApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task SetRole_OwnerPromotesAndDemotes()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);

        await owner.SetRoleAsync(chatId, member, "admin");
        Assert.Equal("admin", await owner.RoleOfAsync(chatId, member));
        Assert.Equal("admin", (await member.ChatRowAsync(chatId))!.Value.Str("role"));

        await owner.SetRoleAsync(chatId, member, "member");
        Assert.Equal("member", await owner.RoleOfAsync(chatId, member));
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

        Assert.Equal("member", await owner.RoleOfAsync(chatId, member));
    }

    [Fact]
    public async Task SetRole_GivingOrTakingOwnership_IsRejectedWithInvalidRole()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);

        (await owner.Api.PutAsync($"/api/chats/{chatId}/members/{member.Id}/role", new { role = "owner" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_role");
        (await owner.Api.PutAsync($"/api/chats/{chatId}/members/{owner.Id}/role", new { role = "member" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_role");

        Assert.Equal("owner", await owner.RoleOfAsync(chatId, owner));
        Assert.Equal("member", await owner.RoleOfAsync(chatId, member));
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

        Assert.Equal("owner", await member.RoleOfAsync(chatId, admin));
        Assert.Equal("member", await member.RoleOfAsync(chatId, member));
        Assert.Null(await member.RoleOfAsync(chatId, owner));
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

        Assert.Equal("owner", await senior.RoleOfAsync(chatId, senior));
        Assert.Equal("admin", await senior.RoleOfAsync(chatId, junior));
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

        Assert.Equal("owner", await first.RoleOfAsync(chatId, first));
        Assert.Equal("member", await first.RoleOfAsync(chatId, later));
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
    public async Task OwnerLeaving_LogsTheLeaveThenTheNewOwner_AndChatRemovedToTheOwner()
    {
        var owner = await Server.RegisterAsync();
        var heir = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", heir);
        var heirCursor = await heir.CursorAsync();
        var ownerCursor = await owner.CursorAsync();

        (await owner.Api.DeleteAsync($"/api/chats/{chatId}/members/{owner.Id}")).AssertStatus(HttpStatusCode.NoContent);

        var seenByHeir = await heir.NewEventsAsync(heirCursor, chatId);
        Assert.Equal(["member.left", "member.role"], seenByHeir.Select(e => e.Str("type")));
        Assert.Equal(owner.Id, seenByHeir[0].GetProperty("payload").Long("userId"));
        Assert.Equal(heir.Id, seenByHeir[1].GetProperty("payload").Long("userId"));
        Assert.Equal("owner", seenByHeir[1].GetProperty("payload").Str("role"));
        Assert.Equal(owner.Id, seenByHeir[1].GetProperty("payload").Long("actorId"));
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

    [Fact]
    public async Task SetRole_OfSomeoneNotInTheChat_Is404MemberNotFound()
    {
        var owner = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group");

        (await owner.Api.PutAsync($"/api/chats/{chatId}/members/{stranger.Id}/role", new { role = "admin" })).AssertProblem(HttpStatusCode.NotFound, "member_not_found");

        Assert.Null(await owner.RoleOfAsync(chatId, stranger));
    }
}
