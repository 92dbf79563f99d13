using System.Net;
using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Server.Tests.Api;
using Hallway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Server.Tests.Admin;

/// <summary>Admins list every group and channel, make them for others, and set or remove members.</summary>
public sealed class AdminGroupsTests : AdminServerTest
{
    [Fact]
    public async Task List_ShowsGroupsAndChannelsTheAdminIsNotIn_WithCountsAndOwners()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var group = await alice.CreateChatAsync("group", bob);
        var channel = await alice.CreateChatAsync("channel");
        await alice.OpenDirectAsync(bob);

        var rows = (await Admin.Api.GetAsync("/api/admin/groups")).Json.Items();

        var g = rows.Single(r => r.GetProperty("chat").Long("id") == group);
        Assert.Equal("group", g.GetProperty("chat").Str("kind"));
        Assert.Equal(2, g.Long("memberCount"));
        Assert.Equal(alice.Id, g.Long("ownerId"));
        Assert.Equal(1, rows.Single(r => r.GetProperty("chat").Long("id") == channel).Long("memberCount"));
        Assert.All(rows, r => Assert.Contains(r.GetProperty("chat").Str("kind"), new[] { "group", "channel" }));
    }

    [Fact]
    public async Task Members_OfAGroupTheAdminIsNotIn_AreListed_WithoutJoiningOrAuditing()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var group = await alice.CreateChatAsync("group", bob);
        var direct = await alice.OpenDirectAsync(bob);
        var lobby = await alice.LobbyIdAsync();
        var cursor = await Admin.AuditCursorAsync();

        var members = (await Admin.Api.GetAsync($"/api/admin/groups/{group}/members")).EnsureSuccess().Json.Items();

        Assert.Equal([(alice.Id, "owner"), (bob.Id, "member")], members.Select(m => (m.Long("userId"), m.Str("role"))).OrderBy(m => m.Item1));
        Assert.Null(await Admin.ChatRowAsync(group));
        await Admin.AssertNothingAuditedAsync(cursor);
        (await Admin.Api.GetAsync("/api/admin/groups/987654/members")).AssertProblem(HttpStatusCode.NotFound, "chat_not_found");
        (await Admin.Api.GetAsync($"/api/admin/groups/{direct}/members")).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
        (await Admin.Api.GetAsync($"/api/admin/groups/{lobby}/members")).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
        (await bob.Api.GetAsync($"/api/admin/groups/{group}/members")).AssertProblem(HttpStatusCode.Forbidden, "not_admin");
    }

    [Fact]
    public async Task Create_ForATeacher_TheTeacherOwnsIt_MembersHearOfIt_AndItIsAudited()
    {
        var teacher = await Server.TeacherAsync(Admin);
        var pupil = await Server.RegisterAsync();
        var (socket, _) = await pupil.OpenAsync();
        await using var _ = socket;
        var cursor = await Admin.AuditCursorAsync();

        var created = await Admin.Api.PostAsync("/api/admin/groups", new { title = "Class 7b", description = "Maths", ownerId = teacher.Id, memberIds = new[] { pupil.Id, pupil.Id } });

        created.AssertStatus(HttpStatusCode.Created);
        var chatId = created["chat"].Long("id");
        Assert.Equal("group", created["chat"].Str("kind"));
        Assert.Equal(2, created.Json.Long("memberCount"));
        Assert.Equal(teacher.Id, created.Json.Long("ownerId"));
        Assert.Equal("owner", await teacher.RoleOfAsync(chatId, teacher));
        Assert.Equal("member", await teacher.RoleOfAsync(chatId, pupil));
        Assert.Null(await Admin.ChatRowAsync(chatId));
        await socket.NextEventAsync("chat.created", p => p.GetProperty("chat").Long("id") == chatId);
        var audit = await Admin.SingleAuditAsync(cursor, "group.created");
        Assert.Equal(chatId, audit.Long("targetId"));
        Assert.Equal("Class 7b", audit.GetProperty("detail").Str("title"));

        // Without an owner the admin owns it; a channel too.
        var own = await Admin.Api.PostAsync("/api/admin/groups", new { title = "Staff news", kind = "channel" });
        own.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(Admin.Id, own.Json.Long("ownerId"));
        Assert.Equal("channel", own["chat"].Str("kind"));
    }

    [Theory]
    [InlineData("""{"title":""}""", HttpStatusCode.BadRequest, "invalid_title")]
    [InlineData("""{"title":"   "}""", HttpStatusCode.BadRequest, "invalid_title")]
    [InlineData("""{"title":"a\u0001b"}""", HttpStatusCode.BadRequest, "invalid_title")]
    [InlineData("""{"title":"ok","description":"\u0000"}""", HttpStatusCode.BadRequest, "invalid_description")]
    [InlineData("""{"title":"ok","kind":"direct"}""", HttpStatusCode.BadRequest, "wrong_chat_kind")]
    [InlineData("""{"title":"ok","kind":"lobby"}""", HttpStatusCode.BadRequest, "wrong_chat_kind")]
    [InlineData("""{"title":"ok","kind":"Group"}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"title":"ok","kind":1}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"title":"ok","ownerId":"2"}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"title":"ok","ownerId":987654}""", HttpStatusCode.NotFound, "user_not_found")]
    [InlineData("""{"title":"ok","memberIds":[987654]}""", HttpStatusCode.NotFound, "user_not_found")]
    [InlineData("""{"title":"ok","memberIds":"1"}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"title":5}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"title":""", HttpStatusCode.BadRequest, "bad_json")]
    [InlineData("""[]""", HttpStatusCode.BadRequest, "bad_request")]
    public async Task Create_RefusesBadInput_AndStoresNothing(string json, HttpStatusCode status, string code)
    {
        var before = (await Admin.Api.GetAsync("/api/admin/groups")).Json.GetArrayLength();
        var cursor = await Admin.AuditCursorAsync();

        (await Admin.Api.SendRawAsync(HttpMethod.Post, "/api/admin/groups", json)).AssertProblem(status, code);

        Assert.Equal(before, (await Admin.Api.GetAsync("/api/admin/groups")).Json.GetArrayLength());
        await Admin.AssertNothingAuditedAsync(cursor);
    }

    [Fact]
    public async Task Create_RefusesAnOverlongTitle()
    {
        (await Admin.Api.PostAsync("/api/admin/groups", new { title = new string('t', 101) })).AssertProblem(HttpStatusCode.BadRequest, "invalid_title");
        (await Admin.Api.PostAsync("/api/admin/groups", new { title = "ok", description = new string('d', 1001) })).AssertProblem(HttpStatusCode.BadRequest, "invalid_description");
    }

    [Fact]
    public async Task Operator_MustNameAnOwner_AndIsNoMemberOrCreator()
    {
        var groups = Server.App.Services.GetRequiredService<AdminGroupService>();
        var teacher = await Server.TeacherAsync(Admin);
        var cursor = await Admin.AuditCursorAsync();

        var refused = await Assert.ThrowsAsync<HallwayException>(() => groups.CreateAsync(Caller.Operator, ChatKind.Group, "Lost", null, null, null));
        Assert.Equal("invalid_owner", refused.Code);
        await Admin.AssertNothingAuditedAsync(cursor);

        var made = await groups.CreateAsync(Caller.Operator, ChatKind.Channel, "Notices", null, teacher.Id, null);

        Assert.Null(made.Chat.CreatedBy);
        Assert.Equal(teacher.Id, made.OwnerId);
        Assert.Equal([teacher.Id], (await teacher.MembersAsync(made.Chat.Id)).Select(m => m.Long("userId")));
        var row = Assert.Single(await Admin.AuditSinceAsync(cursor));
        Assert.Equal(0, row.Long("actorId"));
        Assert.Equal("group.created", row.Str("action"));
    }

    [Fact]
    public async Task SetMember_AddsChangesAndHandsOverOwnership()
    {
        var owner = await Server.RegisterAsync();
        var newcomer = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group");
        var cursor = await Admin.AuditCursorAsync();

        var added = await Admin.Api.PutAsync($"/api/admin/groups/{chatId}/members/{newcomer.Id}", new { role = "admin" });
        added.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("admin", added.Json.Items().Single(m => m.Long("userId") == newcomer.Id).Str("role"));
        var audit = await Admin.SingleAuditAsync(cursor, "group.member_set");
        Assert.Equal("admin", audit.GetProperty("detail").Str("role"));
        Assert.True(audit.GetProperty("detail").IsNull("previousRole"));

        // The same role again changes nothing and audits nothing.
        var again = await Admin.AuditCursorAsync();
        (await Admin.Api.PutAsync($"/api/admin/groups/{chatId}/members/{newcomer.Id}", new { role = "admin" })).AssertStatus(HttpStatusCode.OK);
        await Admin.AssertNothingAuditedAsync(again);

        // Owner: the old owner becomes an admin, and the owner's own role moves only that way.
        (await Admin.Api.PutAsync($"/api/admin/groups/{chatId}/members/{newcomer.Id}", new { role = "owner" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("owner", await owner.RoleOfAsync(chatId, newcomer));
        Assert.Equal("admin", await owner.RoleOfAsync(chatId, owner));
        (await Admin.Api.PutAsync($"/api/admin/groups/{chatId}/members/{newcomer.Id}", new { role = "member" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_role");
        (await Admin.Api.PutAsync($"/api/admin/groups/{chatId}/members/{owner.Id}", new { role = "member" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("member", await owner.RoleOfAsync(chatId, owner));
    }

    [Fact]
    public async Task RemoveMember_TakesThemOut_AndTheOwnerLeavingHandsOver()
    {
        var owner = await Server.RegisterAsync();
        var heir = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", heir);
        var (socket, _) = await owner.OpenAsync();
        await using var _ = socket;
        var cursor = await Admin.AuditCursorAsync();

        (await Admin.Api.DeleteAsync($"/api/admin/groups/{chatId}/members/{owner.Id}")).AssertStatus(HttpStatusCode.NoContent);

        await socket.NextEventAsync("chat.removed", p => p.Long("chatId") == chatId);
        Assert.Null(await owner.ChatRowAsync(chatId));
        Assert.Equal("owner", await heir.RoleOfAsync(chatId, heir));
        var audit = await Admin.SingleAuditAsync(cursor, "group.member_removed");
        Assert.Equal(owner.Id, audit.GetProperty("detail").Long("userId"));
        Assert.Equal("owner", audit.GetProperty("detail").Str("role"));
        (await Admin.Api.DeleteAsync($"/api/admin/groups/{chatId}/members/{owner.Id}")).AssertProblem(HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task Members_OfUnknownChatsUsersOrOtherKinds_AreRefused_AndNothingIsAudited()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var direct = await alice.OpenDirectAsync(bob);
        var lobby = await alice.LobbyIdAsync();
        var group = await alice.CreateChatAsync("group");
        var cursor = await Admin.AuditCursorAsync();

        (await Admin.Api.PutAsync($"/api/admin/groups/987654/members/{bob.Id}", new { role = "member" })).AssertProblem(HttpStatusCode.NotFound, "chat_not_found");
        (await Admin.Api.PutAsync($"/api/admin/groups/{group}/members/987654", new { role = "member" })).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        (await Admin.Api.PutAsync($"/api/admin/groups/{direct}/members/{bob.Id}", new { role = "admin" })).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
        (await Admin.Api.PutAsync($"/api/admin/groups/{lobby}/members/{bob.Id}", new { role = "admin" })).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
        (await Admin.Api.DeleteAsync($"/api/admin/groups/{lobby}/members/{bob.Id}")).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
        (await Admin.Api.DeleteAsync($"/api/admin/groups/987654/members/{bob.Id}")).AssertProblem(HttpStatusCode.NotFound, "chat_not_found");
        (await Admin.Api.DeleteAsync($"/api/admin/groups/{group}/members/{bob.Id}")).AssertProblem(HttpStatusCode.NotFound, "member_not_found");
        foreach (var json in new[] { """{"role":"god"}""", """{"role":"Owner"}""", """{"role":1}""", "{}", """{"role":null}""" })
        {
            (await Admin.Api.SendRawAsync(HttpMethod.Put, $"/api/admin/groups/{group}/members/{bob.Id}", json)).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        }

        (await Admin.Api.SendRawAsync(HttpMethod.Put, $"/api/admin/groups/{group}/members/{bob.Id}", """{"role":""")).AssertProblem(HttpStatusCode.BadRequest, "bad_json");
        Assert.Equal([alice.Id], (await alice.MembersAsync(group)).Select(m => m.Long("userId")));
        await Admin.AssertNothingAuditedAsync(cursor);
    }
}
