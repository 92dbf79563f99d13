using System.Net;
using System.Text.Json;
using Hallway.Server.Tests.Api;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.School;

/// <summary>§2 end to end, as the school desktop client uses it: REST with a bearer token, sockets without one.</summary>
public sealed class SchoolFlowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Users_AreListedWithAndWithoutTrailingSlash_WithTheirShape()
    {
        var alice = await Server.SignUpAsync();

        foreach (var path in new[] { "/users", "/users/" })
        {
            var list = await alice.Api.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, list.Status);
            var me = Assert.Single(list.Json.EnumerateArray(), u => u.GetProperty("id").GetInt64() == alice.Id);
            Assert.Equal(alice.Username, me.Str("username"));
            Assert.Contains(me.Str("status"), new[] { "online", "offline" });
            Assert.Equal(JsonValueKind.False, me.GetProperty("is_online").ValueKind);
        }

        var self = await alice.Api.GetAsync("/users/me");
        Assert.Equal(alice.Id, self.Json.Long("id"));
        var byId = await alice.Api.GetAsync($"/users/{alice.Id}");
        Assert.Equal(alice.Username, byId.Json.Str("username"));
    }

    [Fact]
    public async Task TextAndImage_ArePolledOldestFirst_MarkedRead_AndListedNewestFirst()
    {
        var alice = await Server.SignUpAsync();
        var bob = await Server.SignUpAsync();
        var png = Convert.ToBase64String(TestImages.Png(3, 2));

        var text = await alice.SendAsync(bob.Id, "hello **bob**");
        Assert.Equal(HttpStatusCode.OK, text.Status);
        Assert.Equal("text", text.Json.Str("message_type"));
        Assert.Equal(bob.Id, text.Json.Long("receiver_id"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$", text.Json.Str("timestamp"));
        var image = await alice.SendAsync(bob.Id, "photo.png", "image", png);
        Assert.Equal(HttpStatusCode.OK, image.Status);

        var unread = await bob.Api.GetAsync("/messages/unread");
        var messages = unread.Json.GetProperty("messages").Items();
        Assert.Equal(2, unread.Json.GetProperty("total_count").GetInt32());
        Assert.Equal(["hello **bob**", "photo.png"], messages.Select(m => m.Str("content")));
        Assert.Equal("image", messages[1].Str("message_type"));
        Assert.Equal(png, messages[1].Str("file_data"));
        Assert.True(messages[0].IsNull("file_data"));

        var read = await bob.Api.PutAsync($"/messages/{image.Json.Long("id")}/read");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Empty((await bob.Api.GetAsync("/messages/unread")).Json.GetProperty("messages").Items());

        var history = await alice.Api.GetAsync($"/messages?contact_id={bob.Id}");
        var listed = history.Json.GetProperty("messages").Items();
        Assert.Equal([image.Json.Long("id"), text.Json.Long("id")], listed.Select(m => m.Long("id")));
        Assert.All(listed, m => Assert.True(m.GetProperty("is_read").GetBoolean()));
        Assert.Equal(2, (await alice.Api.GetAsync($"/messages/?contact_id={bob.Id}&limit=5")).Json.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task Delete_PushesMessageDeletedToBothUsers_AndTheMessageVanishes()
    {
        var alice = await Server.SignUpAsync();
        var bob = await Server.SignUpAsync();
        await using var aliceSocket = await SchoolSocket.ConnectAsync(Server.BaseAddress, alice.Id);
        await using var bobSocket = await SchoolSocket.ConnectAsync(Server.BaseAddress, bob.Id);
        await aliceSocket.DrainAsync();
        await bobSocket.DrainAsync();
        var sent = await alice.SendAsync(bob.Id, "oops");
        var id = sent.Json.Long("id");

        (await bob.Api.DeleteAsync($"/messages/{id}")).AssertDetail(HttpStatusCode.Forbidden, "Cannot delete other users messages");
        var deleted = await alice.Api.DeleteAsync($"/messages/{id}");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(id, deleted.Json.Long("deleted_message_id"));

        foreach (var socket in new[] { aliceSocket, bobSocket })
        {
            var push = await socket.NextAsync(j => j.Str("type") == "message_deleted");
            Assert.Equal(id, push.Long("message_id"));
            Assert.Equal($"{Math.Min(alice.Id, bob.Id)}_{Math.Max(alice.Id, bob.Id)}", push.Str("chat_id"));
            Assert.Equal(alice.Id, push.Long("deleted_by"));
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", push.Str("timestamp"));
        }

        Assert.Empty((await bob.Api.GetAsync($"/messages?contact_id={alice.Id}")).Json.GetProperty("messages").Items());
        (await alice.Api.DeleteAsync($"/messages/{id}")).AssertDetail(HttpStatusCode.NotFound, "Message not found");
    }

    [Fact]
    public async Task Socket_AnswersPing_ToleratesTheClientsJson_AndIgnoresJunk()
    {
        var alice = await Server.SignUpAsync();
        await using var socket = await SchoolSocket.ConnectAsync(Server.BaseAddress, alice.Id);

        await socket.SendAsync("""{"type":"message_deleted","message_id":1,"deleted_by":1,"timestamp":"x"}""");
        await socket.SendAsync("not json {");
        await socket.SendAsync("pong");
        await socket.SendAsync("ping");
        Assert.Equal("pong", await socket.ReceiveAsync());
    }

    [Fact]
    public async Task StatusUpdates_ComeForEachSchoolConnect_AndForWebUsersGoingOnlineAndOffline()
    {
        var alice = await Server.SignUpAsync();
        var bob = await Server.SignUpAsync();
        var web = await Server.RegisterAsync();
        await using var aliceSocket = await SchoolSocket.ConnectAsync(Server.BaseAddress, alice.Id);
        await aliceSocket.DrainAsync();

        await using (var first = await SchoolSocket.ConnectAsync(Server.BaseAddress, bob.Id))
        {
            await first.DrainAsync();
            var online = await aliceSocket.NextAsync(j => j.Str("type") == "user_status_update" && j.Long("user_id") == bob.Id);
            Assert.True(online.GetProperty("is_online").GetBoolean());

            // A second tab of bob's is announced too, as the original did on each connect.
            await using var second = await SchoolSocket.ConnectAsync(Server.BaseAddress, bob.Id);
            await second.DrainAsync();
            Assert.True((await aliceSocket.NextAsync(j => j.Str("type") == "user_status_update" && j.Long("user_id") == bob.Id)).GetProperty("is_online").GetBoolean());
            Assert.True((await alice.Api.GetAsync($"/users/{bob.Id}")).Json.GetProperty("is_online").GetBoolean());
        }

        var offline = await aliceSocket.NextAsync(j => j.Str("type") == "user_status_update" && j.Long("user_id") == bob.Id && !j.GetProperty("is_online").GetBoolean());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", offline.Str("timestamp"));

        var (native, _) = await web.OpenAsync();
        Assert.True((await aliceSocket.NextAsync(j => j.Str("type") == "user_status_update" && j.Long("user_id") == web.Id)).GetProperty("is_online").GetBoolean());
        await native.CloseAsync();
        await native.DisposeAsync();
        Assert.False((await aliceSocket.NextAsync(j => j.Str("type") == "user_status_update" && j.Long("user_id") == web.Id)).GetProperty("is_online").GetBoolean());
        Assert.Equal("offline", (await alice.Api.GetAsync($"/users/{web.Id}")).Json.Str("status"));
    }

    [Fact]
    public async Task Socket_OfAUserWithoutASession_GetsOnlyPongs()
    {
        var alice = await Server.SignUpAsync();
        var bob = await Server.SignUpAsync();
        var anonymous = await Server.Anonymous().PostAsync("/auth/register", new { username = "n" + Guid.NewGuid().ToString("N")[..10], password = School.Password });
        var loner = anonymous.Json.Long("id");
        await using var spy = await SchoolSocket.ConnectAsync(Server.BaseAddress, loner);
        await using var ghost = await SchoolSocket.ConnectAsync(Server.BaseAddress, 999_999);
        await spy.DrainAsync();

        await using (var bobSocket = await SchoolSocket.ConnectAsync(Server.BaseAddress, bob.Id))
        {
            await bobSocket.DrainAsync();
            var sent = await alice.SendAsync(bob.Id, "secret");
            await alice.Api.DeleteAsync($"/messages/{sent.Json.Long("id")}");
            await bobSocket.NextAsync(j => j.Str("type") == "message_deleted");
        }

        Assert.Empty(await spy.DrainAsync());
        Assert.Empty(await ghost.DrainAsync());
        Assert.False((await alice.Api.GetAsync($"/users/{loner}")).Json.GetProperty("is_online").GetBoolean());
    }

    [Fact]
    public async Task Socket_WithAnotherUsersToken_IsRefused()
    {
        var alice = await Server.SignUpAsync();
        var bob = await Server.SignUpAsync();

        await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() => SchoolSocket.ConnectAsync(Server.BaseAddress, bob.Id, alice.Token));
        await using var own = await SchoolSocket.ConnectAsync(Server.BaseAddress, alice.Id, alice.Token);
        Assert.Empty(await own.DrainAsync());
    }

    [Fact]
    public async Task Logout_RevokesTheToken_AndStatusWithoutTokenIsRefused()
    {
        var alice = await Server.SignUpAsync();

        (await Server.Anonymous().PostAsync("/auth/status", new { user_id = alice.Id, is_online = false })).AssertDetail(HttpStatusCode.Unauthorized, "Not authenticated");
        var own = await alice.Api.PostAsync("/auth/status", new { user_id = alice.Id, is_online = true });
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal(HttpStatusCode.OK, (await alice.Api.PostAsync("/auth/logout")).Status);
        (await alice.Api.GetAsync("/users/me")).AssertDetail(HttpStatusCode.Unauthorized, "Invalid token");
    }

    [Fact]
    public async Task Interop_SchoolImageReachesTheWebChat_AndWebImageReachesTheSchoolClientAsBase64()
    {
        var school = await Server.SignUpAsync();
        var web = await Server.RegisterAsync();
        var png = TestImages.Png(4, 4);

        var sent = await school.SendAsync(web.Id, "look", "image", Convert.ToBase64String(png));
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var chatId = await web.OpenDirectAsync(new TestUser(school.Id, school.Username, School.Password, school.Token, school.Api));
        var message = Assert.Single(await web.HistoryAsync(chatId));
        Assert.Equal("look", message.Str("text"));
        var attachment = Assert.Single(message.GetProperty("attachments").Items());
        Assert.Equal("image/png", attachment.Str("mediaType"));
        Assert.Equal(png, (await web.Api.GetBytesAsync($"/api/files/{attachment.Long("id")}")).Body);

        var jpeg = TestImages.Jpeg(5, 5);
        var upload = (await web.Api.UploadAsync(jpeg, "pic.jpg")).EnsureSuccess();
        (await web.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = TestData.ClientId(), text = "_back_", attachments = new[] { upload.Json.Long("id") } })).EnsureSuccess();

        var unread = (await school.Api.GetAsync("/messages/unread")).Json.GetProperty("messages").Items();
        var reply = Assert.Single(unread);
        Assert.Equal("_back_", reply.Str("content"));
        Assert.Equal("image", reply.Str("message_type"));
        Assert.Equal(Convert.ToBase64String(jpeg), reply.Str("file_data"));
        Assert.Equal(school.Id, reply.Long("receiver_id"));

        // Marking it read moves the web user's read ticks.
        await school.Api.PutAsync($"/messages/{reply.Long("id")}/read");
        var row = await web.ChatRowAsync(chatId);
        Assert.NotNull(row);
    }
}
