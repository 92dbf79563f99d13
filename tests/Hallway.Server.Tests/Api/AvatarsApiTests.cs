using System.Net;
using System.Text.Json.Nodes;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>PUT/DELETE /api/me/avatar and /api/chats/{id}/avatar: who may set them and who may see them.</summary>
public sealed class AvatarsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task UserAvatar_IsVisibleToEveryone_AndAnnounced()
    {
        var alice = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        var face = TestImages.Png(64, 64, grey: 31);
        var faceId = await alice.UploadIdAsync(face, "me.png");
        var cursor = await stranger.CursorAsync();
        await stranger.AssertCannotReadAsync(faceId);

        var response = await alice.Api.PutAsync("/api/me/avatar", new { fileId = faceId });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(faceId, response.Json.Long("avatarId"));
        Assert.Equal(faceId, (await alice.Api.GetAsync("/api/me")).Json.Long("avatarId"));
        Assert.Equal(faceId, (await stranger.Api.GetAsync($"/api/users/{alice.Id}")).Json.Long("avatarId"));
        await stranger.AssertCanReadAsync(faceId, face);
        var updated = (await stranger.EventsAfterAsync(cursor)).Where(e => e.Str("type") == "user.updated").ToList();
        Assert.Contains(updated, e => e.GetProperty("payload").GetProperty("user").Long("id") == alice.Id);
    }

    [Fact]
    public async Task UserAvatar_Removed_IsNullAndTheFileIsPrivateAgain()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var faceId = await alice.UploadIdAsync(TestImages.Png(8, 8, grey: 32), "me.png");
        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = faceId })).AssertStatus(HttpStatusCode.OK);

        var response = await alice.Api.DeleteAsync("/api/me/avatar");

        response.AssertStatus(HttpStatusCode.OK);
        Assert.True(response.Json.IsNull("avatarId"));
        await bob.AssertCannotReadAsync(faceId);
        (await alice.Api.DeleteAsync("/api/me/avatar")).AssertStatus(HttpStatusCode.OK); // removing none is fine
    }

    [Fact]
    public async Task UserAvatar_BadFiles_AreRejectedAndChangeNothing()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var current = await alice.UploadIdAsync(TestImages.Png(8, 8, grey: 33), "me.png");
        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = current })).AssertStatus(HttpStatusCode.OK);
        var text = await alice.UploadIdAsync(TestImages.Text("not a face"), "face.png");
        var bobsFace = await bob.UploadIdAsync(TestImages.Png(8, 8, grey: 34), "bob.png");
        var sharedWithAlice = await bob.UploadIdAsync(TestImages.Png(8, 8, grey: 35), "shared.png");
        await bob.SendFilesAsync(await bob.OpenDirectAsync(alice), [sharedWithAlice]);
        var cursor = await bob.CursorAsync();

        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = text })).AssertProblem(HttpStatusCode.BadRequest, "not_an_image");
        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = bobsFace })).AssertProblem(HttpStatusCode.NotFound, "file_not_found");
        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = sharedWithAlice })).AssertProblem(HttpStatusCode.NotFound, "file_not_found"); // readable is not enough: it must be her own
        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = 987654321 })).AssertProblem(HttpStatusCode.NotFound, "file_not_found");
        (await alice.Api.PutAsync("/api/me/avatar", new JsonObject { ["fileId"] = "abc" })).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        (await alice.Api.PutAsync("/api/me/avatar", new JsonObject())).AssertProblem(HttpStatusCode.BadRequest, "bad_request");

        Assert.Equal(current, (await alice.Api.GetAsync("/api/me")).Json.Long("avatarId"));
        await bob.AssertCannotReadAsync(text);
        Assert.DoesNotContain(await bob.EventsAfterAsync(cursor), e => e.Str("type") == "user.updated");
    }

    [Fact]
    public async Task ChatAvatar_IsVisibleToMembersOnly_AndAnnouncedToThem()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var outsider = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);
        var picture = TestImages.Png(32, 32, grey: 41);
        var pictureId = await owner.UploadIdAsync(picture, "club.png");
        var cursor = await member.CursorAsync();

        var response = await owner.Api.PutAsync($"/api/chats/{chatId}/avatar", new { fileId = pictureId });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(pictureId, response.Json.Long("avatarId"));
        Assert.Equal(pictureId, (await member.Api.GetAsync($"/api/chats/{chatId}")).Json.GetProperty("chat").Long("avatarId"));
        await member.AssertCanReadAsync(pictureId, picture);
        await outsider.AssertCannotReadAsync(pictureId);
        var updated = Assert.Single(await member.NewEventsAsync(cursor, chatId));
        Assert.Equal("chat.updated", updated.Str("type"));

        var removed = await owner.Api.DeleteAsync($"/api/chats/{chatId}/avatar");
        removed.AssertStatus(HttpStatusCode.OK);
        Assert.True(removed.Json.IsNull("avatarId"));
        await member.AssertCannotReadAsync(pictureId);
        await owner.AssertCanReadAsync(pictureId, picture);
    }

    [Fact]
    public async Task ChatAvatar_ByAnAdmin_IsAllowed()
    {
        var owner = await Server.RegisterAsync();
        var admin = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("channel", admin);
        await owner.SetRoleAsync(chatId, admin, "admin");
        var pictureId = await admin.UploadIdAsync(TestImages.Png(16, 16, grey: 42), "c.png");

        (await admin.Api.PutAsync($"/api/chats/{chatId}/avatar", new { fileId = pictureId })).AssertStatus(HttpStatusCode.OK);

        await owner.AssertCanReadAsync(pictureId, TestImages.Png(16, 16, grey: 42));
    }

    [Fact]
    public async Task ChatAvatar_Refusals_ChangeNothing()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var outsider = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);
        var direct = await owner.OpenDirectAsync(member);
        var ownerPicture = await owner.UploadIdAsync(TestImages.Png(16, 16, grey: 43), "o.png");
        var memberPicture = await member.UploadIdAsync(TestImages.Png(16, 16, grey: 44), "m.png");
        var outsiderPicture = await outsider.UploadIdAsync(TestImages.Png(16, 16, grey: 45), "x.png");
        var text = await owner.UploadIdAsync(TestImages.Text("words"), "w.png");
        var cursor = await owner.CursorAsync();

        (await member.Api.PutAsync($"/api/chats/{chatId}/avatar", new { fileId = memberPicture })).AssertProblem(HttpStatusCode.Forbidden, "not_chat_admin");
        (await member.Api.DeleteAsync($"/api/chats/{chatId}/avatar")).AssertProblem(HttpStatusCode.Forbidden, "not_chat_admin");
        (await owner.Api.PutAsync($"/api/chats/{direct}/avatar", new { fileId = ownerPicture })).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
        (await outsider.Api.PutAsync($"/api/chats/{chatId}/avatar", new { fileId = outsiderPicture })).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await owner.Api.PutAsync($"/api/chats/{chatId}/avatar", new { fileId = memberPicture })).AssertProblem(HttpStatusCode.NotFound, "file_not_found");
        (await owner.Api.PutAsync($"/api/chats/{chatId}/avatar", new { fileId = text })).AssertProblem(HttpStatusCode.BadRequest, "not_an_image");
        (await owner.Api.PutAsync($"/api/chats/{chatId}/avatar", new { fileId = 987654321 })).AssertProblem(HttpStatusCode.NotFound, "file_not_found");

        Assert.True((await owner.Api.GetAsync($"/api/chats/{chatId}")).Json.GetProperty("chat").IsNull("avatarId"));
        Assert.True((await owner.Api.GetAsync($"/api/chats/{direct}")).Json.GetProperty("chat").IsNull("avatarId"));
        await owner.AssertNoNewEventsAsync(cursor, chatId);
        await member.AssertCannotReadAsync(ownerPicture);
    }
}
