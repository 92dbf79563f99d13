using System.Net;
using Hallway.Server.Hosting;
using Hallway.Server.Tests.Api;
using Hallway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Server.Tests.Admin;

/// <summary>The status page, the audit log's paging, retention settings and the retention sweep.</summary>
public sealed class StatusAndRetentionTests
{
    /// <summary>One housekeeping round as if <paramref name="days"/> had passed: the sweep's single-run method, no waiting.</summary>
    private static Task RunMaintenanceAsync(TestServer server, int days) =>
        server.App.Services.GetRequiredService<Maintenance>().RunOnceAsync(DateTimeOffset.UtcNow.AddDays(days));

    [Fact]
    public async Task Status_CountsWhatTheServerHolds_AndWhoIsConnected()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var alice = await server.RegisterAsync();
        var bob = await server.RegisterAsync();
        await alice.CreateChatAsync("group", bob);
        await alice.SendAsync(await alice.LobbyIdAsync(), "hello");
        await alice.UploadIdAsync(TestImages.Png(4, 4), "dot.png");
        (await admin.Api.PostAsync($"/api/admin/users/{bob.Id}/disable")).AssertStatus(HttpStatusCode.OK);
        await using var text = await TextWsClient.ConnectAsync(server.BaseAddress);
        await text.SendAsync("login visitor");
        await text.ExpectAsync("[SYSTEM INFO] - [visitor] login to chat.");
        var (socket, _) = await alice.OpenAsync();
        await using var _ = socket;

        var status = await admin.Api.GetAsync("/api/admin/status");

        status.AssertStatus(HttpStatusCode.OK);
        var s = status.Json;
        Assert.Equal(HallwayServer.Version, s.Str("version"));
        Assert.True(s.GetProperty("startedAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        Assert.Equal(3, s.Long("users"));
        Assert.Equal(1, s.Long("guests"));
        Assert.Equal(1, s.Long("disabledUsers"));
        Assert.Equal(1, s.Long("groups"));
        Assert.Equal(1, s.Long("messages"));
        Assert.Equal(2, s.Long("onlineNow"));
        var sockets = s.GetProperty("openSockets");
        Assert.Equal(2, sockets.Long("total"));
        Assert.Equal(1, sockets.Long("webSocket"));
        Assert.Equal(1, sockets.Long("text"));
        Assert.Equal(0, sockets.Long("school"));
        Assert.Equal(1, s.GetProperty("text").Long("total"));
        Assert.Equal(1, s.GetProperty("text").Long("signedIn"));
        Assert.Equal(0, s.GetProperty("text").Long("connecting"));
        Assert.True(s.Long("databaseBytes") > 0);
        Assert.True(s.Long("filesBytes") > 0);
    }

    [Fact]
    public async Task Status_CountsTextConnectionsBeforeLogin_ByState()
    {
        var (server, port) = await TextGatewayServer.StartAsync();
        await using var _ = server;
        var admin = await server.RegisterAsync();
        var waiting = new List<TextTcpClient>();
        for (var i = 0; i < 50; i++)
        {
            waiting.Add(await TextTcpClient.ConnectAsync(port));
        }

        await using var signedIn = await TextTcpClient.ConnectAsync(port);
        await signedIn.LoginAsync("visitor");

        // Accepting is asynchronous: ask (bounded) until every connection is counted.
        System.Text.Json.JsonElement s = default;
        for (var i = 0; i < 200; i++)
        {
            s = (await admin.Api.GetAsync("/api/admin/status")).EnsureSuccess().Json;
            if (s.GetProperty("text").Long("total") == 51)
            {
                break;
            }

            await Task.Delay(50);
        }

        var text = s.GetProperty("text");
        Assert.Equal(51, text.Long("total"));
        Assert.Equal(1, text.Long("signedIn"));
        Assert.Equal(50, text.Long("connecting"));
        var sockets = s.GetProperty("openSockets");
        Assert.Equal(51, sockets.Long("text"));
        Assert.Equal(51, sockets.Long("total"));
        foreach (var client in waiting)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Audit_IsNewestFirst_AndPagesBack()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        foreach (var policy in new[] { "staff-only", "shared-groups", "everyone" })
        {
            (await admin.Api.PutAsync("/api/admin/settings/direct-messages", new { policy })).AssertStatus(HttpStatusCode.OK);
        }

        var all = await admin.AuditAsync();
        Assert.Equal(["everyone", "shared-groups", "staff-only"], all.Select(r => r.GetProperty("detail").Str("to")));
        Assert.All(all, r => Assert.Equal("settings.direct_messages", r.Str("action")));
        Assert.All(all, r => Assert.Equal(admin.Username, r.Str("actorName")));
        Assert.All(all, r => Assert.True(r.IsNull("targetId")));
        var page = await admin.AuditAsync($"?limit=1&before={all[0].Long("id")}");
        Assert.Equal(all[1].Long("id"), Assert.Single(page).Long("id"));

        (await admin.Api.GetAsync("/api/admin/audit?limit=0")).AssertProblem(HttpStatusCode.BadRequest, "invalid_limit");
        (await admin.Api.GetAsync("/api/admin/audit?limit=201")).AssertProblem(HttpStatusCode.BadRequest, "invalid_limit");
        (await admin.Api.GetAsync("/api/admin/audit?before=x")).AssertProblem(HttpStatusCode.BadRequest, "bad_request");

        // Setting the policy it already has changes nothing and is not an action.
        (await admin.Api.PutAsync("/api/admin/settings/direct-messages", new { policy = "everyone" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(all.Length, (await admin.AuditAsync()).Length);
    }

    [Fact]
    public async Task RetentionSettings_DefaultToForever_AreSetAndAudited_AndBadValuesAreRefused()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var current = await admin.Api.GetAsync("/api/admin/settings/retention");
        Assert.Equal(0, current.Json.Long("messageDays"));
        Assert.Equal(0, current.Json.Long("fileDays"));
        var cursor = await admin.AuditCursorAsync();

        var set = await admin.Api.PutAsync("/api/admin/settings/retention", new { messageDays = 365, fileDays = 30 });

        set.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(365, set.Json.Long("messageDays"));
        Assert.Equal(30, (await admin.Api.GetAsync("/api/admin/settings/retention")).Json.Long("fileDays"));
        var audit = await admin.SingleAuditAsync(cursor, "settings.retention");
        Assert.Equal(365, audit.GetProperty("detail").Long("messageDays"));
        Assert.Equal(0, audit.GetProperty("detail").Long("previousMessageDays"));

        cursor = await admin.AuditCursorAsync();
        foreach (var (json, code) in new[]
        {
            ("""{"messageDays":-1,"fileDays":0}""", "invalid_message_days"),
            ("""{"messageDays":36501,"fileDays":0}""", "invalid_message_days"),
            ("""{"messageDays":0,"fileDays":-5}""", "invalid_file_days"),
            ("""{"messageDays":0,"fileDays":99999}""", "invalid_file_days"),
            ("""{"messageDays":"30","fileDays":0}""", "bad_request"),
            ("""{"messageDays":1.5,"fileDays":0}""", "bad_request"),
            ("""{"messageDays":null,"fileDays":0}""", "bad_request"),
            ("""{"messageDays":30}""", "bad_request"),
            ("""{"messageDays":30,"fileDays":3000000000}""", "bad_request"),
            ("""{"messageDays":30,""", "bad_json"),
        })
        {
            (await admin.Api.SendRawAsync(HttpMethod.Put, "/api/admin/settings/retention", json)).AssertProblem(HttpStatusCode.BadRequest, code);
        }

        var after = await admin.Api.GetAsync("/api/admin/settings/retention");
        Assert.Equal(365, after.Json.Long("messageDays"));
        Assert.Equal(30, after.Json.Long("fileDays"));
        await admin.AssertNothingAuditedAsync(cursor);
    }

    [Fact]
    public async Task Sweep_KeepsEverything_WhileRetentionIsForever()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var lobby = await admin.LobbyIdAsync();
        await admin.SendAsync(lobby, "keep me");
        var cursor = await admin.AuditCursorAsync();

        await RunMaintenanceAsync(server, 10000);

        Assert.Equal(["keep me"], await admin.TextsAsync(lobby));
        await admin.AssertNothingAuditedAsync(cursor);
    }

    [Fact]
    public async Task Sweep_TombstonesMessagesOlderThanMessageDays_AsADeleteWould()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var alice = await server.RegisterAsync();
        var lobby = await alice.LobbyIdAsync();
        var old = await alice.SendAsync(lobby, "old news");
        (await admin.Api.PutAsync("/api/admin/settings/retention", new { messageDays = 30, fileDays = 0 })).AssertStatus(HttpStatusCode.OK);
        var (socket, _) = await alice.OpenAsync();
        await using var _ = socket;
        var cursor = await admin.AuditCursorAsync();

        await RunMaintenanceAsync(server, 29);
        Assert.Equal(["old news"], await alice.TextsAsync(lobby));

        await RunMaintenanceAsync(server, 31);

        var deleted = await socket.NextEventAsync("message.deleted", p => p.Long("messageId") == old.Long("id"));
        Assert.Equal(0, deleted.GetProperty("payload").Long("deletedBy"));
        var tombstone = await alice.MessageAsync(old.Long("id"));
        Assert.True(tombstone.GetProperty("deleted").GetBoolean());
        Assert.Equal(string.Empty, tombstone.Str("text"));
        var audit = Assert.Single(await admin.AuditSinceAsync(cursor));
        Assert.Equal("retention.swept", audit.Str("action"));
        Assert.Equal(0, audit.Long("actorId"));
        Assert.Equal("operator", audit.Str("actorName"));
        Assert.Equal(1, audit.GetProperty("detail").Long("messagesDeleted"));

        // New messages are young; a second sweep finds nothing more.
        await alice.SendAsync(lobby, "fresh");
        await RunMaintenanceAsync(server, 0);
        Assert.Equal([string.Empty, "fresh"], await alice.TextsAsync(lobby));
    }

    [Fact]
    public async Task Sweep_TakesOldAttachmentsOff_KeepingCaptions_AndTheFileSweepRemovesThem()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var alice = await server.RegisterAsync();
        var lobby = await alice.LobbyIdAsync();
        var captioned = await alice.SendFilesAsync(lobby, [await alice.UploadIdAsync(TestImages.Png(3, 3), "a.png")], "our trip");
        var bare = await alice.SendFilesAsync(lobby, [await alice.UploadIdAsync(TestImages.Png(5, 5), "b.png")]);
        var plain = await alice.SendAsync(lobby, "just words");
        var fileId = captioned.GetProperty("attachments").Items()[0].Long("id");
        (await admin.Api.PutAsync("/api/admin/settings/retention", new { messageDays = 0, fileDays = 7 })).AssertStatus(HttpStatusCode.OK);
        var (socket, _) = await admin.OpenAsync();
        await using var _ = socket;

        await RunMaintenanceAsync(server, 8);

        var edited = await socket.NextEventAsync("message.edited", p => p.GetProperty("message").Long("id") == captioned.Long("id"));
        Assert.Empty(edited.GetProperty("payload").GetProperty("message").GetProperty("attachments").Items());
        await socket.NextEventAsync("message.deleted", p => p.Long("messageId") == bare.Long("id"));
        var kept = await alice.MessageAsync(captioned.Long("id"));
        Assert.Equal("our trip", kept.Str("text"));
        Assert.Empty(kept.GetProperty("attachments").Items());
        Assert.True((await alice.MessageAsync(bare.Long("id"))).GetProperty("deleted").GetBoolean());
        Assert.Equal("just words", (await alice.MessageAsync(plain.Long("id"))).Str("text"));
        await alice.AssertCannotReadAsync(fileId);
    }

    [Fact]
    public async Task Housekeeping_PurgesInvitesEndedAMonthAgo_AndKeepsLiveOnes()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        var shortLived = (await admin.Api.PostAsync("/api/admin/invites", new { maxUses = 1, expiresInHours = 1, role = "student" })).EnsureSuccess().Json.GetProperty("invite").Long("id");
        var revoked = (await admin.Api.PostAsync("/api/admin/invites", new { maxUses = 5, expiresInHours = 8760, role = "student" })).EnsureSuccess().Json.GetProperty("invite").Long("id");
        (await admin.Api.DeleteAsync($"/api/admin/invites/{revoked}")).EnsureSuccess();
        var live = (await admin.Api.PostAsync("/api/admin/invites", new { maxUses = 5, expiresInHours = 8760, role = "teacher" })).EnsureSuccess().Json.GetProperty("invite").Long("id");

        await RunMaintenanceAsync(server, 10);
        Assert.Equal([live, revoked, shortLived], (await admin.Api.GetAsync("/api/admin/invites")).EnsureSuccess().Json.Items().Select(i => i.Long("id")).OrderDescending());

        await RunMaintenanceAsync(server, 40);
        Assert.Equal([live], (await admin.Api.GetAsync("/api/admin/invites")).EnsureSuccess().Json.Items().Select(i => i.Long("id")));
    }
}
