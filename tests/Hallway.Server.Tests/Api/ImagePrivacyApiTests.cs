using System.Buffers.Binary;
using System.Net;
using Hallway.Server.Tests.Compat.School;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>
/// Every way an image reaches the server, over real Kestrel: uploads (and their previews),
/// avatars, custom stickers and the school API's base64 <c>file_data</c>. What comes back has no
/// GPS position, serial, make, XMP or comment, keeps Orientation 6 and its image data byte for
/// byte, and is what is stored (size and blob name are the cleaned bytes'); a malformed image is
/// refused with invalid_image and leaves nothing behind.
/// </summary>
public sealed class ImagePrivacyApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    public static TheoryData<string> Formats() => ["jpeg", "png", "webp", "gif"];

    private static byte[] Photo(string format) => format switch
    {
        "jpeg" => MetadataImages.Jpeg(),
        "png" => MetadataImages.Png(),
        "webp" => MetadataImages.WebP(),
        _ => MetadataImages.LoopingGif(),
    };

    /// <summary>Asserts the served bytes carry no metadata but the orientation, and the image data of the original.</summary>
    private static void AssertClean(string format, byte[] original, byte[] served)
    {
        foreach (var secret in MetadataImages.Secrets)
        {
            Assert.False(MetadataImages.Contains(served, secret), $"{format}: \"{secret}\" was served");
        }

        switch (format)
        {
            case "jpeg":
                var app1 = Assert.Single(MetadataImages.JpegSegments(served), s => s.Marker == 0xE1);
                Assert.Equal(6, MetadataImages.Orientation(app1.Payload[6..]));
                Assert.Equal(1, MetadataImages.Ifd0Count(app1.Payload[6..])); // no GPS IFD pointer (0x8825)
                Assert.Equal(MetadataImages.FromStartOfScan(original), MetadataImages.FromStartOfScan(served));
                break;
            case "png":
                Assert.Equal(6, MetadataImages.Orientation(MetadataImages.PngChunks(served).Single(c => c.Type == "eXIf").Data));
                Assert.Equal(MetadataImages.PngChunks(original).Single(c => c.Type == "IDAT").Whole, MetadataImages.PngChunks(served).Single(c => c.Type == "IDAT").Whole);
                Assert.DoesNotContain(MetadataImages.PngChunks(served), c => c.Type is "tEXt" or "iTXt" or "zTXt" or "tIME");
                break;
            case "webp":
                Assert.Equal(6, MetadataImages.Orientation(MetadataImages.RiffChunks(served).Single(c => c.FourCc == "EXIF").Data));
                Assert.Equal(MetadataImages.RiffChunks(original).Single(c => c.FourCc == "VP8 ").Data, MetadataImages.RiffChunks(served).Single(c => c.FourCc == "VP8 ").Data);
                Assert.Equal(served.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(served.AsSpan(4)));
                break;
            default:
                Assert.True(MetadataImages.Contains(served, "NETSCAPE2.0"));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Upload_Photo_IsStoredAndServedWithoutItsMetadata(string format)
    {
        var alice = await Server.RegisterAsync();
        var photo = Photo(format);

        var file = await alice.UploadAsync(photo, "from-my-phone");
        var download = await alice.Api.GetBytesAsync($"/api/files/{file.Long("id")}");

        Assert.Equal(HttpStatusCode.OK, download.Status);
        Assert.Equal("image/" + format, download.ContentType);
        AssertClean(format, photo, download.Body);
        Assert.Equal(download.Body.Length, file.Long("size")); // the recorded size is the stored bytes'
        Assert.True(Server.HasBlob(FileTestHelpers.Sha256(download.Body)), "the blob is named by the hash of the cleaned bytes");
        Assert.False(Server.HasBlob(FileTestHelpers.Sha256(photo)), "the original is not stored");
        Assert.Equal(download.Headers.ETag?.Tag, $"\"{FileTestHelpers.Sha256(download.Body)}\"");
        Assert.Empty(Server.TempFiles());
        var (width, height) = format == "jpeg" ? (16, 12) : (8, 6);
        Assert.Equal((width, height), (file.GetProperty("width").GetInt32(), file.GetProperty("height").GetInt32()));
    }

    [Fact]
    public async Task Avatar_AndCustomSticker_AreServedToOthersWithoutMetadata()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var photo = MetadataImages.Jpeg();

        var faceId = await alice.UploadIdAsync(photo, "me.jpg");
        (await alice.Api.PutAsync("/api/me/avatar", new { fileId = faceId })).AssertStatus(HttpStatusCode.OK);
        var avatarId = (await bob.Api.GetAsync($"/api/users/{alice.Id}")).Json.Long("avatarId");
        AssertClean("jpeg", photo, (await bob.Api.GetBytesAsync($"/api/files/{avatarId}")).Body);

        var stickerPhoto = MetadataImages.WebP();
        var stickerId = await alice.UploadIdAsync(stickerPhoto, "sticker.webp");
        (await alice.Api.PostAsync("/api/stickers", new { fileId = stickerId })).AssertStatus(HttpStatusCode.Created);
        var chatId = await alice.OpenDirectAsync(bob);
        await alice.SendStickerAsync(chatId, $"file:{stickerId}");
        var sticker = await bob.Api.GetBytesAsync($"/api/files/{stickerId}");
        Assert.Equal(HttpStatusCode.OK, sticker.Status);
        AssertClean("webp", stickerPhoto, sticker.Body);
    }

    [Fact]
    public async Task Preview_WithMetadata_IsStrippedToo()
    {
        var alice = await Server.RegisterAsync();
        var preview = MetadataImages.Jpeg();

        var file = await alice.UploadAsync(MetadataImages.Png(), "p.png", preview);

        var served = await alice.Api.GetBytesAsync($"/api/files/{file.Long("id")}/preview");
        Assert.Equal("image/jpeg", served.ContentType);
        AssertClean("jpeg", preview, served.Body);
    }

    public static TheoryData<string, byte[]> Malformed()
    {
        var jpeg = MetadataImages.Jpeg();
        var lengthPastEnd = jpeg.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(lengthPastEnd.AsSpan(MetadataImages.JpegSegments(jpeg).First(s => s.Marker == 0xFE).Offset + 2), 0xFFF0);
        var png = MetadataImages.Png();
        var badLength = png.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(badLength.AsSpan(8 + 25), 999); // the chunk after IHDR
        var webp = MetadataImages.WebP();
        var riffLie = webp.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(riffLie.AsSpan(4), (uint)webp.Length * 2);
        var gif = MetadataImages.Gif();
        return new TheoryData<string, byte[]>
        {
            { "jpeg cut inside its Exif segment", jpeg[..300] },
            { "jpeg segment length past the end", lengthPastEnd },
            { "png with a bad chunk length", badLength },
            { "webp whose RIFF size lies", riffLie },
            { "gif cut short", gif[..(gif.Length - 40)] },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Upload_MalformedImage_IsRefused_AndNothingIsStored(string what, byte[] bytes)
    {
        var alice = await Server.RegisterAsync();
        var probe = await FileTestHelpers.NothingStoredProbe.TakeAsync(Server, alice);

        (await alice.Api.UploadAsync(bytes, "broken")).AssertProblem(HttpStatusCode.BadRequest, "invalid_image");
        (await alice.Api.UploadAsync(TestImages.Png(4, 4, grey: 61), "ok.png", bytes)).AssertProblem(HttpStatusCode.BadRequest, "bad_preview");

        await probe.AssertNothingStoredAsync();
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public async Task SchoolFileData_IsStoredWithoutMetadata_ForBothClients_AndAMalformedOneIsRefused()
    {
        var school = await Server.SignUpAsync();
        var web = await Server.RegisterAsync();
        var photo = MetadataImages.Jpeg();

        var sent = await school.SendAsync(web.Id, "photo.jpg", "image", Convert.ToBase64String(photo));

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var cleaned = Convert.FromBase64String(sent.Json.Str("file_data"));
        AssertClean("jpeg", photo, cleaned);
        var chatId = await web.OpenDirectAsync(new TestUser(school.Id, school.Username, School.Password, school.Token, school.Api));
        var attachment = Assert.Single(Assert.Single(await web.HistoryAsync(chatId)).GetProperty("attachments").Items());
        Assert.Equal(cleaned.Length, attachment.Long("size"));
        Assert.Equal(cleaned, (await web.Api.GetBytesAsync($"/api/files/{attachment.Long("id")}")).Body);

        var probe = await FileTestHelpers.NothingStoredProbe.TakeAsync(Server, web);
        var refused = await school.SendAsync(web.Id, "broken.jpg", "image", Convert.ToBase64String(photo[..300]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("malformed", refused.Detail(), StringComparison.Ordinal);
        await probe.AssertNothingStoredAsync();
        Assert.Single(await web.HistoryAsync(chatId)); // no message went out without its file
    }
}
