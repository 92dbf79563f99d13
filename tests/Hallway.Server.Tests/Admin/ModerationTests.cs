using System.Net;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Admin;

/// <summary>Reports, admins deleting any message, and the audited safeguarding view of any chat.</summary>
public sealed class ModerationTests : AdminServerTest
{
    private async Task<(TestUser Sender, TestUser Reporter, long ChatId, long MessageId)> MessageInAGroupAsync(string text = "something nasty")
    {
        var sender = await Server.RegisterAsync();
        var reporter = await Server.RegisterAsync();
        var chatId = await sender.CreateChatAsync("group", reporter);
        var message = await sender.SendAsync(chatId, text);
        return (sender, reporter, chatId, message.Long("id"));
    }

    [Fact]
    public async Task Report_ByAMember_IsOpenOnce_AndAdminsSeeItWithTheMessage()
    {
        var (_, reporter, chatId, messageId) = await MessageInAGroupAsync();

        var filed = await reporter.Api.PostAsync($"/api/messages/{messageId}/report", new { reason = "  This is bullying.  " });

        filed.AssertStatus(HttpStatusCode.Created);
        Assert.Equal("open", filed.Json.Str("status"));
        Assert.Equal("This is bullying.", filed.Json.Str("reason"));
        Assert.Equal(chatId, filed.Json.Long("chatId"));
        Assert.Equal(reporter.Id, filed.Json.Long("reporterId"));
        (await reporter.Api.PostAsync($"/api/messages/{messageId}/report", new { reason = "again" })).AssertProblem(HttpStatusCode.Conflict, "already_reported");

        var open = (await Admin.Api.GetAsync("/api/admin/reports")).Json.Items();
        var row = open.Single(r => r.Long("id") == filed.Json.Long("id"));
        Assert.Equal("something nasty", row.GetProperty("message").Str("text"));
        Assert.True(row.IsNull("resolution"));
        Assert.DoesNotContain((await Admin.Api.GetAsync("/api/admin/reports?status=resolved")).Json.Items(), r => r.Long("id") == filed.Json.Long("id"));
    }

    [Fact]
    public async Task Report_OfAMessageYouCannotSee_IsNotFound_AndBadReasonsAreRefused()
    {
        var (sender, reporter, chatId, messageId) = await MessageInAGroupAsync();
        var outsider = await Server.RegisterAsync();

        (await outsider.Api.PostAsync($"/api/messages/{messageId}/report", new { reason = "nosy" })).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        (await reporter.Api.PostAsync("/api/messages/987654/report", new { reason = "what" })).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        foreach (var (json, code) in new[]
        {
            ("""{"reason":""}""", "invalid_reason"),
            ("""{"reason":"   "}""", "invalid_reason"),
            ("""{"reason":"a\u0000b"}""", "invalid_reason"),
            ("{\"reason\":\"" + new string('r', 501) + "\"}", "invalid_reason"),
            ("""{"reason":5}""", "bad_request"),
            ("""{}""", "bad_request"),
            ("""{"reason":""", "bad_json"),
        })
        {
            (await reporter.Api.SendRawAsync(HttpMethod.Post, $"/api/messages/{messageId}/report", json)).AssertProblem(HttpStatusCode.BadRequest, code);
        }

        (await reporter.Api.PostAsync($"/api/messages/{messageId}/report", new { reason = new string('r', 500) })).AssertStatus(HttpStatusCode.Created);
        var deleted = await sender.SendAsync(chatId, "oops");
        (await sender.Api.DeleteAsync($"/api/messages/{deleted.Long("id")}")).AssertStatus(HttpStatusCode.OK);
        (await reporter.Api.PostAsync($"/api/messages/{deleted.Long("id")}/report", new { reason = "gone" })).AssertProblem(HttpStatusCode.Conflict, "message_deleted");
        Assert.Single((await Admin.Api.GetAsync("/api/admin/reports")).Json.Items(), r => r.Long("messageId") == messageId);
    }

    [Fact]
    public async Task Resolve_Dismiss_KeepsTheMessage_DeleteMessage_TombstonesItAndResolvesEveryReportOfIt()
    {
        var (sender, first, chatId, messageId) = await MessageInAGroupAsync();
        var second = await Server.RegisterAsync();
        (await sender.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { second.Id } })).AssertStatus(HttpStatusCode.OK);
        var a = (await first.Api.PostAsync($"/api/messages/{messageId}/report", new { reason = "rude" })).Json.Long("id");
        var b = (await second.Api.PostAsync($"/api/messages/{messageId}/report", new { reason = "very rude" })).Json.Long("id");
        var cursor = await Admin.AuditCursorAsync();

        var dismissed = await Admin.Api.PostAsync($"/api/admin/reports/{a}/resolve", new { action = "dismiss" });
        dismissed.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("resolved", dismissed.Json.Str("status"));
        Assert.Equal("dismiss", dismissed.Json.Str("resolution"));
        Assert.Equal(Admin.Id, dismissed.Json.Long("resolvedBy"));
        Assert.Equal("something nasty", (await sender.MessageAsync(messageId)).Str("text"));
        (await Admin.Api.PostAsync($"/api/admin/reports/{a}/resolve", new { action = "dismiss" })).AssertProblem(HttpStatusCode.Conflict, "report_resolved");

        // The first reporter may report again now that their report is closed.
        var c = (await first.Api.PostAsync($"/api/messages/{messageId}/report", new { reason = "still rude" })).Json.Long("id");
        var (watcher, _) = await sender.OpenAsync();
        await using var _ = watcher;

        var removed = await Admin.Api.PostAsync($"/api/admin/reports/{b}/resolve", new { action = "delete_message" });

        removed.AssertStatus(HttpStatusCode.OK);
        Assert.True(removed.Json.GetProperty("message").GetProperty("deleted").GetBoolean());
        var deletedEvent = await watcher.NextEventAsync("message.deleted", p => p.Long("messageId") == messageId);
        Assert.Equal(Admin.Id, deletedEvent.GetProperty("payload").Long("deletedBy"));
        Assert.Equal(string.Empty, (await sender.MessageAsync(messageId)).Str("text"));
        var resolved = (await Admin.Api.GetAsync("/api/admin/reports?status=resolved")).Json.Items();
        Assert.Equal("delete_message", resolved.Single(r => r.Long("id") == c).Str("resolution"));
        Assert.DoesNotContain((await Admin.Api.GetAsync("/api/admin/reports")).Json.Items(), r => r.Long("messageId") == messageId);

        var audit = await Admin.AuditSinceAsync(cursor);
        Assert.Equal(["report.resolved", "report.resolved"], audit.Select(r => r.Str("action")));
        Assert.Equal(2, audit[1].GetProperty("detail").Long("reportsResolved"));
        Assert.All(audit, r => Assert.DoesNotContain("nasty", r.GetRawText(), StringComparison.Ordinal));
        Assert.All(audit, r => Assert.DoesNotContain("rude", r.GetRawText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolve_RefusesUnknownReportsAndBadActions_AndAuditsNothing()
    {
        var (_, reporter, _, messageId) = await MessageInAGroupAsync();
        var id = (await reporter.Api.PostAsync($"/api/messages/{messageId}/report", new { reason = "hmm" })).Json.Long("id");
        var cursor = await Admin.AuditCursorAsync();

        (await Admin.Api.PostAsync("/api/admin/reports/987654/resolve", new { action = "dismiss" })).AssertProblem(HttpStatusCode.NotFound, "report_not_found");
        foreach (var json in new[] { """{"action":"ban"}""", """{"action":"Dismiss"}""", """{"action":0}""", "{}", """{"action":null}""" })
        {
            (await Admin.Api.SendRawAsync(HttpMethod.Post, $"/api/admin/reports/{id}/resolve", json)).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        }

        (await Admin.Api.SendRawAsync(HttpMethod.Post, $"/api/admin/reports/{id}/resolve", "{\"action\":")).AssertProblem(HttpStatusCode.BadRequest, "bad_json");
        (await Admin.Api.GetAsync("/api/admin/reports?status=closed")).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        (await Admin.Api.GetAsync("/api/admin/reports?limit=0")).AssertProblem(HttpStatusCode.BadRequest, "invalid_limit");
        Assert.Contains((await Admin.Api.GetAsync("/api/admin/reports")).Json.Items(), r => r.Long("id") == id);
        await Admin.AssertNothingAuditedAsync(cursor);
    }

    [Fact]
    public async Task AdminDelete_RemovesAMessageInADirectChatTheyAreNotIn_AndIsAudited()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var message = await alice.SendAsync(chatId, "private but abusive");
        var cursor = await Admin.AuditCursorAsync();

        var answer = await Admin.Api.DeleteAsync($"/api/admin/messages/{message.Long("id")}");

        answer.AssertStatus(HttpStatusCode.OK);
        Assert.True(answer.Json.GetProperty("deleted").GetBoolean());
        Assert.Equal(Admin.Id, answer.Json.Long("deletedBy"));
        Assert.Equal([string.Empty], await bob.TextsAsync(chatId));
        var audit = await Admin.SingleAuditAsync(cursor, "message.deleted");
        Assert.Equal(message.Long("id"), audit.Long("targetId"));
        Assert.Equal(alice.Id, audit.GetProperty("detail").Long("senderId"));
        Assert.DoesNotContain("abusive", audit.GetRawText(), StringComparison.Ordinal);

        // Deleting again is a no-op: same tombstone, nothing audited. Unknown ids are not found.
        var again = await Admin.AuditCursorAsync();
        (await Admin.Api.DeleteAsync($"/api/admin/messages/{message.Long("id")}")).AssertStatus(HttpStatusCode.OK);
        (await Admin.Api.DeleteAsync("/api/admin/messages/987654")).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        await Admin.AssertNothingAuditedAsync(again);
    }

    [Fact]
    public async Task Teachers_KeepModeratingTheirGroups_ButNotOthersDirectChats()
    {
        var teacher = await Server.TeacherAsync(Admin);
        var pupil = await Server.RegisterAsync();
        var other = await Server.RegisterAsync();
        var group = await pupil.CreateChatAsync("group", teacher);
        var inGroup = await pupil.SendAsync(group, "off topic");
        var direct = await pupil.OpenDirectAsync(other);
        var inDirect = await pupil.SendAsync(direct, "between us");

        (await teacher.Api.DeleteAsync($"/api/messages/{inGroup.Long("id")}")).AssertStatus(HttpStatusCode.OK);
        (await teacher.Api.DeleteAsync($"/api/messages/{inDirect.Long("id")}")).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        (await teacher.Api.DeleteAsync($"/api/admin/messages/{inDirect.Long("id")}")).AssertProblem(HttpStatusCode.Forbidden, "not_admin");
        Assert.Equal(["between us"], await other.TextsAsync(direct));
    }

    [Fact]
    public async Task ChatView_ReadsAnyChat_WithoutJoiningOrReadMarkers_AndEveryReadIsAudited()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        for (var i = 1; i <= 3; i++)
        {
            await alice.SendAsync(chatId, $"note {i}");
        }

        var cursor = await Admin.AuditCursorAsync();

        var page = await Admin.Api.GetAsync($"/api/admin/chats/{chatId}/messages?limit=2");

        page.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["note 2", "note 3"], page["messages"].Items().Select(m => m.Str("text")));
        Assert.True(page.Json.GetProperty("hasMore").GetBoolean());
        Assert.Equal("direct", page["chat"].Str("kind"));
        Assert.Equal(new[] { alice.Id, bob.Id }.Order(), page["members"].Items().Select(m => m.Long("userId")).Order());
        var older = await Admin.Api.GetAsync($"/api/admin/chats/{chatId}/messages?before={page["messages"].Items()[0].Long("seq")}");
        Assert.Equal(["note 1"], older["messages"].Items().Select(m => m.Str("text")));
        Assert.False(older.Json.GetProperty("hasMore").GetBoolean());

        var audit = await Admin.AuditSinceAsync(cursor);
        Assert.Equal(["chat.viewed", "chat.viewed"], audit.Select(r => r.Str("action")));
        Assert.Equal(chatId, audit[0].Long("targetId"));
        Assert.Equal(2, audit[0].GetProperty("detail").Long("messages"));
        Assert.Null(await Admin.ChatRowAsync(chatId));
        (await Admin.Api.GetAsync($"/api/chats/{chatId}/messages")).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        Assert.Equal(2, (await bob.MembersAsync(chatId)).Length);
        Assert.Equal(0, (await bob.ChatRowAsync(chatId))!.Value.Long("readSeq"));
        Assert.Empty((await alice.Api.GetAsync($"/api/messages/{page["messages"].Items()[1].Long("id")}/readers")).Json.Items());
    }

    [Fact]
    public async Task ChatView_RefusesUnknownChatsAndBadPaging_AndAuditsNothing()
    {
        var cursor = await Admin.AuditCursorAsync();
        (await Admin.Api.GetAsync("/api/admin/chats/987654/messages")).AssertProblem(HttpStatusCode.NotFound, "chat_not_found");
        (await Admin.Api.GetAsync("/api/admin/chats/1/messages?limit=0")).AssertProblem(HttpStatusCode.BadRequest, "invalid_limit");
        (await Admin.Api.GetAsync("/api/admin/chats/1/messages?limit=1000")).AssertProblem(HttpStatusCode.BadRequest, "invalid_limit");
        (await Admin.Api.GetAsync("/api/admin/chats/1/messages?before=x")).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        (await Admin.Api.GetAsync("/api/admin/chats/x/messages")).AssertProblem(HttpStatusCode.NotFound, "not_found");
        await Admin.AssertNothingAuditedAsync(cursor);
    }
}
