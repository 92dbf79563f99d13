using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Messages that carry files or a sticker: sending (HTTP and WebSocket), receiving, access, editing, and every refusal.</summary>
public sealed class AttachmentsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Send_PhotoWithCaption_RecipientGetsItOverTheSocketAndCanDownloadIt()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (bobSocket, _) = await bob.OpenAsync();
        await using var _ = bobSocket;
        var photo = TestImages.Png(12, 8, grey: 21);
        var notes = TestImages.Text("page 1\npage 2");
        var photoId = await alice.UploadIdAsync(photo, "board.png");
        var notesId = await alice.UploadIdAsync(notes, "notes.txt");

        var sent = await alice.SendFilesAsync(chatId, [notesId, photoId], "today's board");

        Assert.Equal("today's board", sent.Str("text"));
        Assert.True(sent.IsNull("sticker"));
        Assert.Equal([notesId, photoId], sent.GetProperty("attachments").Items().Select(a => a.Long("id"))); // in the order sent
        var evt = await bobSocket.NextEventAsync("message.created", p => p.GetProperty("message").Long("id") == sent.Long("id"));
        var received = evt.GetProperty("payload").GetProperty("message").GetProperty("attachments").Items();
        Assert.Equal(["notes.txt", "board.png"], received.Select(a => a.Str("name")));
        Assert.Equal((12, 8), (received[1].GetProperty("width").GetInt32(), received[1].GetProperty("height").GetInt32()));
        Assert.Equal("application/octet-stream", received[0].Str("mediaType"));
        await bob.AssertCanReadAsync(photoId, photo);
        await bob.AssertCanReadAsync(notesId, notes);

        var history = Assert.Single(await bob.HistoryAsync(chatId));
        Assert.Equal([notesId, photoId], history.GetProperty("attachments").Items().Select(a => a.Long("id")));
        Assert.Equal(photoId, (await bob.MessageAsync(sent.Long("id"))).GetProperty("attachments").Items()[1].Long("id"));
    }

    [Fact]
    public async Task Send_OverTheSocket_WithAttachmentsAndWithAStickerAlone()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group", bob);
        var (aliceSocket, _) = await alice.OpenAsync();
        var (bobSocket, _) = await bob.OpenAsync();
        await using var a = aliceSocket;
        await using var b = bobSocket;
        var photo = TestImages.Jpeg(800, 600);
        var photoId = await alice.UploadIdAsync(photo, "photo.jpg");

        var withFiles = (await aliceSocket.RequestOkAsync("send", new { chatId, clientId = TestData.ClientId(), attachments = new[] { photoId } })).GetProperty("message");
        var sticker = (await aliceSocket.RequestOkAsync("send", new { chatId, clientId = TestData.ClientId(), sticker = "builtin:wave" })).GetProperty("message");

        Assert.Equal(string.Empty, withFiles.Str("text")); // a photo needs no caption
        Assert.Equal(photoId, Assert.Single(withFiles.GetProperty("attachments").Items()).Long("id"));
        Assert.Equal("builtin:wave", sticker.Str("sticker"));
        Assert.Empty(sticker.GetProperty("attachments").Items());
        var first = await bobSocket.NextEventAsync("message.created", p => p.GetProperty("message").Long("id") == withFiles.Long("id"));
        Assert.Equal("image/jpeg", first.GetProperty("payload").GetProperty("message").GetProperty("attachments")[0].Str("mediaType"));
        var second = await bobSocket.NextEventAsync("message.created", p => p.GetProperty("message").Long("id") == sticker.Long("id"));
        Assert.Equal("builtin:wave", second.GetProperty("payload").GetProperty("message").Str("sticker"));
        await bob.AssertCanReadAsync(photoId, photo);
    }

    [Fact]
    public async Task Send_OverTheSocket_BadAttachmentsAreErrorsAndStoreNothing()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var bobsFile = await bob.UploadIdAsync(TestImages.Png(3, 3), "bob.png");
        var (socket, _) = await alice.OpenAsync();
        await using var _ = socket;
        var cursor = await alice.CursorAsync();

        Assert.Equal("file_not_found", await socket.RequestErrorAsync("send", new { chatId, clientId = TestData.ClientId(), attachments = new[] { bobsFile } }));
        Assert.Equal("invalid_sticker", await socket.RequestErrorAsync("send", new { chatId, clientId = TestData.ClientId(), text = "hi", sticker = "builtin:wave" }));
        Assert.Equal("invalid_attachments", await socket.RequestErrorAsync("send", new { chatId, clientId = TestData.ClientId(), attachments = new[] { bobsFile, bobsFile } }));

        Assert.Empty(await alice.HistoryAsync(chatId));
        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task CustomSticker_SentByFileId_IsReadableByTheChatButNotListedAsAnAttachment()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var art = TestImages.Png(128, 128, grey: 99);
        var artId = await alice.UploadIdAsync(art, "me.png");

        var sent = await alice.SendStickerAsync(chatId, $"file:{artId}");

        Assert.Equal($"file:{artId}", sent.Str("sticker"));
        Assert.Equal(string.Empty, sent.Str("text"));
        Assert.Empty(sent.GetProperty("attachments").Items());
        await bob.AssertCanReadAsync(artId, art);
        await stranger.AssertCannotReadAsync(artId);
    }

    [Fact]
    public async Task Forwarding_AFileSeenInOneChat_ToAnother_NeedsNoNewUpload()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var carol = await Server.RegisterAsync();
        var photo = TestImages.Png(5, 5, grey: 55);
        var photoId = await alice.UploadIdAsync(photo, "p.png");
        await alice.SendFilesAsync(await alice.OpenDirectAsync(bob), [photoId]);
        var bobAndCarol = await bob.OpenDirectAsync(carol);

        await carol.AssertCannotReadAsync(photoId);
        var forwarded = await bob.SendFilesAsync(bobAndCarol, [photoId], "look");

        Assert.Equal(photoId, Assert.Single(forwarded.GetProperty("attachments").Items()).Long("id"));
        await carol.AssertCanReadAsync(photoId, photo);
    }

    [Fact]
    public async Task DeletingTheMessage_TakesAccessFromTheRecipient_ButNotFromTheUploader()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var photo = TestImages.Png(6, 6, grey: 66);
        var file = await alice.UploadAsync(photo, "oops.png", TestImages.Png(2, 2, grey: 66));
        var sent = await alice.SendFilesAsync(chatId, [file.Long("id")]);
        await bob.AssertCanReadAsync(file.Long("id"), photo);
        Assert.Equal(HttpStatusCode.OK, (await bob.Api.GetBytesAsync($"/api/files/{file.Long("id")}/preview")).Status);

        (await alice.Api.DeleteAsync($"/api/messages/{sent.Long("id")}")).AssertStatus(HttpStatusCode.OK);

        await bob.AssertCannotReadAsync(file.Long("id"));
        await alice.AssertCanReadAsync(file.Long("id"), photo);
        var tombstone = Assert.Single(await bob.HistoryAsync(chatId));
        Assert.Empty(tombstone.GetProperty("attachments").Items());
        Assert.True(tombstone.IsNull("sticker"));
    }

    [Fact]
    public async Task LeavingTheChat_TakesAccessAway()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group", bob);
        var photo = TestImages.Png(4, 9);
        var photoId = await alice.UploadIdAsync(photo, "p.png");
        await alice.SendFilesAsync(chatId, [photoId]);
        await bob.AssertCanReadAsync(photoId, photo);

        (await bob.Api.DeleteAsync($"/api/chats/{chatId}/members/{bob.Id}")).AssertStatus(HttpStatusCode.NoContent);

        await bob.AssertCannotReadAsync(photoId);
    }

    [Fact]
    public async Task Send_BadAttachmentsOrStickers_AreRejectedAndStoreNothing()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        await alice.SendAsync(chatId, "before");
        var own = new long[11];
        for (var i = 0; i < own.Length; i++)
        {
            own[i] = await alice.UploadIdAsync(TestImages.Text($"page {i}"), $"p{i}.txt");
        }

        var bobsUnsent = await bob.UploadIdAsync(TestImages.Png(3, 3, grey: 1), "bob.png");
        var text = await alice.UploadIdAsync(TestImages.Text("plain"), "fake.png");
        var cursor = await bob.CursorAsync();

        var cases = new (object Body, HttpStatusCode Status, string Code)[]
        {
            (new { attachments = own }, HttpStatusCode.BadRequest, "invalid_attachments"), // eleven
            (new { attachments = new[] { own[0], own[1], own[0] } }, HttpStatusCode.BadRequest, "invalid_attachments"),
            (new { attachments = new[] { 0L } }, HttpStatusCode.BadRequest, "invalid_attachments"),
            (new { attachments = new[] { -5L } }, HttpStatusCode.BadRequest, "invalid_attachments"),
            (new { attachments = new[] { own[0], 987654321L } }, HttpStatusCode.NotFound, "file_not_found"),
            (new { attachments = new[] { bobsUnsent } }, HttpStatusCode.NotFound, "file_not_found"),
            (new { attachments = Array.Empty<long>(), text = "  " }, HttpStatusCode.BadRequest, "message_empty"),
            (new { attachments = Array.Empty<long>() }, HttpStatusCode.BadRequest, "message_empty"),
            (new { sticker = "builtin:wave", text = "hello" }, HttpStatusCode.BadRequest, "invalid_sticker"),
            (new { sticker = "builtin:wave", attachments = new[] { own[0] } }, HttpStatusCode.BadRequest, "invalid_sticker"),
            (new { sticker = "builtin:no-such-sticker" }, HttpStatusCode.BadRequest, "invalid_sticker"),
            (new { sticker = "builtin:" }, HttpStatusCode.BadRequest, "invalid_sticker"),
            (new { sticker = "builtin:WAVE" }, HttpStatusCode.BadRequest, "invalid_sticker"),
            (new { sticker = "wave" }, HttpStatusCode.BadRequest, "invalid_sticker"),
            (new { sticker = "file:abc" }, HttpStatusCode.BadRequest, "invalid_sticker"),
            (new { sticker = "file:-1" }, HttpStatusCode.BadRequest, "invalid_sticker"),
            (new { sticker = "file:0" }, HttpStatusCode.BadRequest, "invalid_sticker"),
            (new { sticker = "file: 5" }, HttpStatusCode.BadRequest, "invalid_sticker"),
            (new { sticker = string.Empty }, HttpStatusCode.BadRequest, "invalid_sticker"),
            (new { sticker = $"file:{text}" }, HttpStatusCode.BadRequest, "not_an_image"),
            (new { sticker = $"file:{bobsUnsent}" }, HttpStatusCode.NotFound, "file_not_found"),
            (new { sticker = "file:987654321" }, HttpStatusCode.NotFound, "file_not_found"),
        };
        foreach (var (body, status, code) in cases)
        {
            var json = JsonSerializer.SerializeToNode(body, Wire.Options)!.AsObject();
            json["clientId"] = TestData.ClientId();
            var response = await alice.Api.PostAsync($"/api/chats/{chatId}/messages", json);
            Assert.True(response.Status == status && response.Code == code, $"{json.ToJsonString()}: expected {code}, got {(int)response.Status} {response.Code}: {response.Text}");
            response.AssertProblem(status, code);
        }

        Assert.Equal(["before"], await alice.TextsAsync(chatId));
        await bob.AssertNoNewEventsAsync(cursor, chatId);
        await bob.AssertCannotReadAsync(own[0]);
    }

    [Fact]
    public async Task Send_AttachmentsOfTheWrongJsonType_IsBadRequest()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var fileId = await alice.UploadIdAsync(TestImages.Text("x"), "x.txt");
        var cursor = await alice.CursorAsync();

        foreach (var attachments in new JsonNode?[] { JsonValue.Create(fileId), JsonValue.Create("1"), new JsonArray("a"), new JsonArray(JsonValue.Create(1.5)), new JsonObject { ["id"] = fileId }, new JsonArray(new JsonObject { ["id"] = fileId }) })
        {
            var body = new JsonObject { ["clientId"] = TestData.ClientId(), ["attachments"] = attachments };
            (await alice.Api.PostAsync($"/api/chats/{chatId}/messages", body)).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        }

        foreach (var sticker in new JsonNode?[] { JsonValue.Create(5), new JsonArray("builtin:wave"), new JsonObject { ["name"] = "wave" } })
        {
            var body = new JsonObject { ["clientId"] = TestData.ClientId(), ["sticker"] = sticker };
            (await alice.Api.PostAsync($"/api/chats/{chatId}/messages", body)).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        }

        Assert.Empty(await alice.HistoryAsync(chatId));
        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task Send_TenAttachments_IsTheMost()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var ids = new long[10];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = await alice.UploadIdAsync(TestImages.Text($"sheet {i}"), $"s{i}.txt");
        }

        var sent = await alice.SendFilesAsync(chatId, ids);

        Assert.Equal(ids, sent.GetProperty("attachments").Items().Select(a => a.Long("id")));
    }

    [Fact]
    public async Task Edit_CaptionOfAPhoto_CanBeEmptied_TextOnlyMessageCannot()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var photoId = await alice.UploadIdAsync(TestImages.Png(2, 2, grey: 2), "p.png");
        var photo = await alice.SendFilesAsync(chatId, [photoId], "caption");
        var plain = await alice.SendAsync(chatId, "words");

        var emptied = await alice.Api.PatchAsync($"/api/messages/{photo.Long("id")}", new { text = "   " });
        (await alice.Api.PatchAsync($"/api/messages/{plain.Long("id")}", new { text = "" })).AssertProblem(HttpStatusCode.BadRequest, "message_empty");

        emptied.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(string.Empty, emptied.Json.Str("text"));
        Assert.Equal(photoId, Assert.Single(emptied.Json.GetProperty("attachments").Items()).Long("id")); // the files stay
        Assert.Equal(["", "words"], await alice.TextsAsync(chatId));
    }

    [Fact]
    public async Task Edit_AStickerMessage_IsRejected()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var sticker = await alice.SendStickerAsync(chatId, "builtin:heart");
        var cursor = await alice.CursorAsync();

        (await alice.Api.PatchAsync($"/api/messages/{sticker.Long("id")}", new { text = "now with words" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_sticker");

        var stored = await alice.MessageAsync(sticker.Long("id"));
        Assert.Equal(("builtin:heart", string.Empty), (stored.Str("sticker"), stored.Str("text")));
        Assert.True(stored.IsNull("editedAt"));
        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task Send_Retry_WithTheSameClientId_DoesNotAttachTwice()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var fileId = await alice.UploadIdAsync(TestImages.Text("once"), "once.txt");
        var clientId = TestData.ClientId();

        var first = await alice.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId, attachments = new[] { fileId } });
        var retry = await alice.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId, attachments = new[] { fileId } });

        Assert.Equal(first["message"].Long("id"), retry["message"].Long("id"));
        Assert.True(retry.Json.GetProperty("duplicate").GetBoolean());
        var only = Assert.Single(await alice.HistoryAsync(chatId));
        Assert.Equal(fileId, Assert.Single(only.GetProperty("attachments").Items()).Long("id"));
    }
}
