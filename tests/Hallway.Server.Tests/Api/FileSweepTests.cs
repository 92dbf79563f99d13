using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>
/// The orphan sweep (FileSweeper, run hourly by Maintenance), called directly with a cut-off a
/// minute in the future so every upload counts as past its grace period.
/// </summary>
public sealed class FileSweepTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private Task<int> SweepAsync() => Server.Sweeper().SweepAsync(DateTimeOffset.UtcNow.AddMinutes(1));

    [Fact]
    public async Task UnsentUpload_LosesItsRowAndItsBlobs_PreviewIncluded()
    {
        var alice = await Server.RegisterAsync();
        var photo = TestImages.Png(20, 20, grey: 101);
        var preview = TestImages.Jpeg(5, 5);
        var id = (await alice.UploadAsync(photo, "never-sent.png", preview)).Long("id");

        await SweepAsync();

        await alice.AssertCannotReadAsync(id);
        Assert.False(Server.HasBlob(FileTestHelpers.Sha256(photo)));
        Assert.False(Server.HasBlob(FileTestHelpers.Sha256(preview)));
        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = id })).AssertProblem(HttpStatusCode.NotFound, "file_not_found");
    }

    [Fact]
    public async Task UploadsWithinTheGracePeriod_AreKept()
    {
        var alice = await Server.RegisterAsync();
        var bytes = TestImages.Text("just uploaded " + Guid.NewGuid());
        var id = await alice.UploadIdAsync(bytes, "fresh.txt");

        await Server.Sweeper().SweepAsync(DateTimeOffset.UtcNow.AddHours(-1));

        await alice.AssertCanReadAsync(id, bytes);
        Assert.True(Server.HasBlob(FileTestHelpers.Sha256(bytes)));
    }

    [Fact]
    public async Task SentFiles_Avatars_ChatAvatars_AndCustomStickers_Survive()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group", bob);
        var sent = TestImages.Text("sent " + Guid.NewGuid());
        var face = TestImages.Png(9, 9, grey: 102);
        var club = TestImages.Png(9, 9, grey: 103);
        var sticker = TestImages.Png(9, 9, grey: 104);
        var stickerSent = TestImages.Png(9, 9, grey: 105);
        var sentId = await alice.UploadIdAsync(sent, "sent.txt");
        var faceId = await alice.UploadIdAsync(face, "face.png");
        var clubId = await alice.UploadIdAsync(club, "club.png");
        var stickerId = await alice.UploadIdAsync(sticker, "sticker.png");
        var stickerSentId = await alice.UploadIdAsync(stickerSent, "sticker2.png");
        await alice.SendFilesAsync(chatId, [sentId]);
        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = faceId })).AssertStatus(HttpStatusCode.OK);
        (await alice.Api.PutAsync($"/api/chats/{chatId}/avatar", new { fileId = clubId })).AssertStatus(HttpStatusCode.OK);
        (await alice.Api.PostAsync("/api/stickers", new { fileId = stickerId })).AssertStatus(HttpStatusCode.Created);
        await alice.SendStickerAsync(chatId, $"file:{stickerSentId}");

        await SweepAsync();

        await bob.AssertCanReadAsync(sentId, sent);
        await bob.AssertCanReadAsync(faceId, face);
        await bob.AssertCanReadAsync(clubId, club);
        await alice.AssertCanReadAsync(stickerId, sticker);
        await bob.AssertCanReadAsync(stickerSentId, stickerSent);
        Assert.Equal(stickerId, Assert.Single((await alice.Api.GetAsync("/api/stickers"))["custom"].Items()).Long("id"));
    }

    [Fact]
    public async Task FilesOfADeletedMessage_AndAReplacedAvatar_Go()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var regret = TestImages.Text("regret " + Guid.NewGuid());
        var oldFace = TestImages.Png(9, 9, grey: 106);
        var newFace = TestImages.Png(9, 9, grey: 107);
        var regretId = await alice.UploadIdAsync(regret, "regret.txt");
        var oldFaceId = await alice.UploadIdAsync(oldFace, "old.png");
        var newFaceId = await alice.UploadIdAsync(newFace, "new.png");
        var message = await alice.SendFilesAsync(chatId, [regretId]);
        (await alice.Api.DeleteAsync($"/api/messages/{message.Long("id")}")).AssertStatus(HttpStatusCode.OK);
        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = oldFaceId })).AssertStatus(HttpStatusCode.OK);
        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = newFaceId })).AssertStatus(HttpStatusCode.OK);

        await SweepAsync();

        await alice.AssertCannotReadAsync(regretId);
        await alice.AssertCannotReadAsync(oldFaceId);
        Assert.False(Server.HasBlob(FileTestHelpers.Sha256(regret)));
        Assert.False(Server.HasBlob(FileTestHelpers.Sha256(oldFace)));
        await alice.AssertCanReadAsync(newFaceId, newFace);
    }

    [Fact]
    public async Task ABlobSharedByAUsedRowAndAnOrphanRow_Stays()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var bytes = TestImages.Text("shared bytes " + Guid.NewGuid());
        var photo = TestImages.Png(30, 30, grey: 108);
        var usedId = await alice.UploadIdAsync(bytes, "used.txt");
        var orphanId = await bob.UploadIdAsync(bytes, "orphan.txt");

        // The same preview bytes under a sent file and under an orphan.
        var preview = TestImages.Jpeg(3, 3);
        var sentWithPreview = (await alice.UploadAsync(photo, "sent.png", preview)).Long("id");
        await bob.UploadAsync(TestImages.Png(31, 31, grey: 108), "orphan.png", preview);
        await alice.SendFilesAsync(chatId, [usedId, sentWithPreview]);

        await SweepAsync();

        await bob.AssertCannotReadAsync(orphanId);
        await alice.AssertCanReadAsync(usedId, bytes);
        Assert.True(Server.HasBlob(FileTestHelpers.Sha256(bytes)));
        Assert.True(Server.HasBlob(FileTestHelpers.Sha256(preview)));
        Assert.Equal(preview, (await alice.Api.GetBytesAsync($"/api/files/{sentWithPreview}/preview")).Body);
        Assert.False(Server.HasBlob(FileTestHelpers.Sha256(TestImages.Png(31, 31, grey: 108))));
    }

    [Fact]
    public async Task StrayBlobsWithNoRow_AndStaleTemporaryFiles_Go()
    {
        var alice = await Server.RegisterAsync();
        var keptBytes = TestImages.Text("kept " + Guid.NewGuid());
        var keptId = await alice.UploadIdAsync(keptBytes, "kept.txt");
        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = await alice.UploadIdAsync(TestImages.Png(2, 2, grey: 109), "a.png") })).AssertStatus(HttpStatusCode.OK);
        await alice.SendFilesAsync(await alice.CreateChatAsync("group"), [keptId]);
        var strayBytes = TestImages.Text("left by a crash " + Guid.NewGuid());
        var stray = Server.Blobs().PathOf(FileTestHelpers.Sha256(strayBytes));
        Directory.CreateDirectory(Path.GetDirectoryName(stray)!);
        await File.WriteAllBytesAsync(stray, strayBytes);
        var temp = Path.Combine(Server.Blobs().Temp, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(temp, [1, 2, 3]);
        var notABlob = Path.Combine(Server.DataFolder, "files", "ab", "README.txt"); // not a hash name: never touched
        Directory.CreateDirectory(Path.GetDirectoryName(notABlob)!);
        await File.WriteAllTextAsync(notABlob, "hands off");

        var deleted = await SweepAsync();

        Assert.True(deleted >= 1);
        Assert.False(File.Exists(stray));
        Assert.False(File.Exists(temp));
        Assert.True(File.Exists(notABlob));
        await alice.AssertCanReadAsync(keptId, keptBytes);
        Assert.True(Server.HasBlob(FileTestHelpers.Sha256(keptBytes)));
    }

    [Fact]
    public async Task Sweep_WhenNothingIsOrphaned_DeletesNothing()
    {
        await SweepAsync();

        Assert.Equal(0, await SweepAsync());
    }
}
