using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hallway.Server.Api;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>POST /api/files and GET /api/files/{id}[/preview]: what is stored, how it is served, and who may fetch it.</summary>
public sealed class FilesApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Upload_Png_IsAnImageWithItsSizeFromTheBytes()
    {
        var alice = await Server.RegisterAsync();
        var png = TestImages.Png(7, 3);

        var file = await alice.UploadAsync(png, "holiday.png");

        Assert.True(file.Long("id") > 0);
        Assert.Equal("holiday.png", file.Str("name"));
        Assert.Equal(png.Length, file.Long("size"));
        Assert.Equal("image/png", file.Str("mediaType"));
        Assert.True(file.GetProperty("isImage").GetBoolean());
        Assert.Equal(7, file.GetProperty("width").GetInt32());
        Assert.Equal(3, file.GetProperty("height").GetInt32());
        Assert.False(file.GetProperty("hasPreview").GetBoolean());
        Assert.True(DateTimeOffset.UtcNow - file.GetProperty("createdAt").GetDateTimeOffset() < TimeSpan.FromHours(1));
        Assert.Empty(Server.TempFiles());
    }

    [Theory]
    [InlineData("gif", "image/gif", 40, 30)]
    [InlineData("jpeg", "image/jpeg", 640, 480)]
    [InlineData("webp", "image/webp", 300, 200)]
    public async Task Upload_OtherImageFormats_AreRecognisedWhateverTheName(string format, string mediaType, int width, int height)
    {
        var alice = await Server.RegisterAsync();
        var bytes = format switch
        {
            "gif" => TestImages.Gif(width, height),
            "jpeg" => TestImages.Jpeg(width, height),
            _ => TestImages.WebP(width, height),
        };

        var file = await alice.UploadAsync(bytes, "no-extension");

        Assert.Equal(mediaType, file.Str("mediaType"));
        Assert.Equal((width, height), (file.GetProperty("width").GetInt32(), file.GetProperty("height").GetInt32()));
        var download = await alice.Api.GetBytesAsync($"/api/files/{file.Long("id")}");
        Assert.Equal(mediaType, download.ContentType);
        Assert.Equal(bytes, download.Body);
    }

    [Fact]
    public async Task Download_Image_IsInlineWithItsTypeAndLockedDown()
    {
        var alice = await Server.RegisterAsync();
        var png = TestImages.Png(4, 4);
        var id = await alice.UploadIdAsync(png, "cat.png");

        var response = await alice.Api.GetBytesAsync($"/api/files/{id}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(png, response.Body);
        Assert.Equal("image/png", response.ContentType);
        Assert.Equal("inline", response.ContentHeaders.ContentDisposition?.DispositionType);
        AssertLockedDown(response);
    }

    [Fact]
    public async Task Download_NonImage_IsAnAttachmentOfOctetStreamUnderItsName()
    {
        var alice = await Server.RegisterAsync();
        var html = TestImages.Text("<html><script>alert(1)</script></html>");
        var id = await alice.UploadIdAsync(html, "homework.html");

        var response = await alice.Api.GetBytesAsync($"/api/files/{id}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(html, response.Body);
        Assert.Equal("application/octet-stream", response.ContentType);
        Assert.Equal("attachment", response.ContentHeaders.ContentDisposition?.DispositionType);
        Assert.Equal("homework.html", response.ContentHeaders.ContentDisposition?.FileNameStar ?? response.ContentHeaders.ContentDisposition?.FileName?.Trim('"'));
        AssertLockedDown(response);
    }

    [Theory]
    [InlineData("Доклад \"final\"; v2.txt")]
    [InlineData("naïve résumé.pdf")]
    [InlineData("a;b=c,d.txt")]
    public async Task Download_OffersTheStoredNameExactly_HoweverOddItIs(string name)
    {
        var alice = await Server.RegisterAsync();
        var body = TestImages.Text($"--b\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString(name)}\r\n\r\nx\r\n--b--\r\n"); // RFC 5987 form
        var uploaded = await alice.Api.SendRawAsync(HttpMethod.Post, "/api/files", body, "multipart/form-data; boundary=b");
        uploaded.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(name, uploaded.Json.Str("name"));

        var response = await alice.Api.GetBytesAsync($"/api/files/{uploaded.Json.Long("id")}");

        Assert.Equal(name, response.ContentHeaders.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Upload_FilePartWithoutAFileName_IsNamedFile()
    {
        var alice = await Server.RegisterAsync();
        var body = TestImages.Text("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nplain field\r\n--b--\r\n");

        var response = await alice.Api.SendRawAsync(HttpMethod.Post, "/api/files", body, "multipart/form-data; boundary=b");

        response.AssertStatus(HttpStatusCode.Created);
        Assert.Equal("file", response.Json.Str("name"));
        await alice.AssertCanReadAsync(response.Json.Long("id"), TestImages.Text("plain field"));
    }

    [Fact]
    public async Task Download_WithTheETag_IsNotModified()
    {
        var alice = await Server.RegisterAsync();
        var id = await alice.UploadIdAsync(TestImages.Png(2, 2, grey: 3), "a.png");
        var first = await alice.Api.GetBytesAsync($"/api/files/{id}");
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);

        var again = await alice.Api.GetBytesAsync($"/api/files/{id}", h => h.IfNoneMatch.Add(tag));

        Assert.Equal(HttpStatusCode.NotModified, again.Status);
        Assert.Empty(again.Body);
    }

    [Fact]
    public async Task Upload_LargerThanTheJsonBodyLimit_IsStoredWhole()
    {
        var alice = await Server.RegisterAsync();
        var big = new byte[(3 * 1024 * 1024) + 17]; // the JSON API takes 1 MiB; uploads take 20 MiB
        new Random(7).NextBytes(big);

        var file = await alice.UploadAsync(big, "backup.zip");

        Assert.Equal(big.Length, file.Long("size"));
        Assert.Equal("application/octet-stream", file.Str("mediaType"));
        Assert.False(file.GetProperty("isImage").GetBoolean());
        Assert.True(file.IsNull("width"));
        await alice.AssertCanReadAsync(file.Long("id"), big);
        Assert.True(Server.HasBlob(FileTestHelpers.Sha256(big)));
    }

    [Fact]
    public async Task Upload_SameBytesTwice_MakesTwoRowsAndOneBlob()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var bytes = TestImages.Text("the same notes " + Guid.NewGuid());
        var before = Server.BlobNames();

        var first = await alice.UploadIdAsync(bytes, "notes.txt");
        var second = await bob.UploadIdAsync(bytes, "copy.txt");

        Assert.NotEqual(first, second);
        Assert.Equal([FileTestHelpers.Sha256(bytes)], Server.BlobNames().Except(before));
        await alice.AssertCanReadAsync(first, bytes);
        await bob.AssertCanReadAsync(second, bytes);
        await alice.AssertCannotReadAsync(second); // the same bytes do not share access
        await bob.AssertCannotReadAsync(first);
        Assert.Empty(Server.TempFiles());
    }

    [Fact]
    public async Task Upload_WithPreview_ServesThePreviewWithItsOwnType()
    {
        var alice = await Server.RegisterAsync();
        var photo = TestImages.Png(600, 400, grey: 9);
        var preview = TestImages.Jpeg(60, 40);

        var file = await alice.UploadAsync(photo, "big.png", preview);

        Assert.True(file.GetProperty("hasPreview").GetBoolean());
        Assert.Equal(600, file.GetProperty("width").GetInt32()); // the size is the file's, not the preview's
        var response = await alice.Api.GetBytesAsync($"/api/files/{file.Long("id")}/preview");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("image/jpeg", response.ContentType);
        Assert.Equal(preview, response.Body);
        AssertLockedDown(response);
        await alice.AssertCanReadAsync(file.Long("id"), photo);
    }

    [Fact]
    public async Task Preview_OfAFileWithoutOne_Is404FileNotFound()
    {
        var alice = await Server.RegisterAsync();
        var id = await alice.UploadIdAsync(TestImages.Png(2, 2), "a.png");

        var response = await alice.Api.GetBytesAsync($"/api/files/{id}/preview");

        Assert.Equal((HttpStatusCode.NotFound, "file_not_found"), (response.Status, response.Code));
    }

    [Fact]
    public async Task Download_ByAStrangerOrOfAnUnknownId_Is404FileNotFound()
    {
        var alice = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        var id = await alice.UploadIdAsync(TestImages.Png(2, 2), "private.png");

        await stranger.AssertCannotReadAsync(id);
        await alice.AssertCannotReadAsync(987654321);
        await alice.AssertCanReadAsync(id, TestImages.Png(2, 2));
    }

    [Fact]
    public async Task Download_Anonymous_Is401()
    {
        var alice = await Server.RegisterAsync();
        var id = await alice.UploadIdAsync(TestImages.Png(2, 2), "a.png");
        using var anonymous = Server.Anonymous();

        (await anonymous.GetAsync($"/api/files/{id}")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await anonymous.UploadAsync(TestImages.Png(2, 2))).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\pupil\\essay.docx", "essay.docx")]
    [InlineData("  report.pdf  ", "report.pdf")]
    [InlineData("...", "file")]
    public async Task Upload_Name_KeepsOnlyTheLastPathSegment(string sent, string stored)
    {
        var alice = await Server.RegisterAsync();

        var file = await alice.UploadAsync(TestImages.Text("x"), sent);

        Assert.Equal(stored, file.Str("name"));
    }

    [Fact]
    public async Task Upload_LongName_IsCutTo200_AndAHugeOneIsABadUpload()
    {
        var alice = await Server.RegisterAsync();

        var file = await alice.UploadAsync(TestImages.Text("x"), new string('л', 1000) + ".txt");
        Assert.Equal(new string('л', 200), file.Str("name"));

        var probe = await FileTestHelpers.NothingStoredProbe.TakeAsync(Server, alice);
        var huge = Multipart("b", ("file", new string('n', 20_000) + ".txt", TestImages.Text("x"))); // past the 16 KiB part-header limit
        (await Post(alice, huge)).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        await probe.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Upload_NameWithRightToLeftOverrideAndControls_IsStoredClean()
    {
        var alice = await Server.RegisterAsync();

        // What a hostile page might send to disguise "exe" as "txt": U+202E, plus a tab and a bell.
        var file = await alice.UploadAsync(TestImages.Text("x"), "invoice\u202Etxt.exe\t\u0007");

        Assert.Equal("invoicetxt.exe", file.Str("name"));
    }

    [Fact]
    public async Task Upload_NameThatIsNotUtf8_IsStoredWithReplacementCharacters()
    {
        var alice = await Server.RegisterAsync();
        var body = MultipartRaw("B0undary", ("file", Encoding.ASCII.GetBytes("na").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.ASCII.GetBytes("me\u0001.txt")).ToArray(), TestImages.Text("x")));

        var response = await alice.Api.SendRawAsync(HttpMethod.Post, "/api/files", body, "multipart/form-data; boundary=B0undary");

        response.AssertStatus(HttpStatusCode.Created);
        var name = response.Json.Str("name");
        Assert.StartsWith("na", name, StringComparison.Ordinal);
        Assert.EndsWith("me.txt", name, StringComparison.Ordinal);
        Assert.DoesNotContain(name, c => char.IsControl(c) || char.IsSurrogate(c));
        Assert.True(name.Normalize() is { Length: > 0 });
    }

    [Fact]
    public async Task Upload_BadBodies_AreRejectedAndStoreNothing()
    {
        var alice = await Server.RegisterAsync();
        var probe = await FileTestHelpers.NothingStoredProbe.TakeAsync(Server, alice);
        var png = TestImages.Png(2, 2, grey: 77);

        // Not multipart at all.
        (await alice.Api.PostAsync("/api/files", new { file = "x" })).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        (await alice.Api.SendRawAsync(HttpMethod.Post, "/api/files", png, "image/png")).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        (await alice.Api.SendRawAsync(HttpMethod.Post, "/api/files", png, "multipart/form-data")).AssertProblem(HttpStatusCode.BadRequest, "bad_upload"); // no boundary
        await probe.AssertNothingStoredAsync();

        // Multipart without a usable file part.
        (await Post(alice, Multipart("b", ("other", "a.png", png)))).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        (await Post(alice, Multipart("b"))).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        (await Post(alice, Multipart("b", ("preview", "p.png", png)))).AssertProblem(HttpStatusCode.BadRequest, "bad_upload"); // a preview alone is no upload
        await probe.AssertNothingStoredAsync();

        // An empty file, two files, an unknown part next to a good file, two previews.
        (await Post(alice, Multipart("b", ("file", "empty.txt", [])))).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        (await Post(alice, Multipart("b", ("file", "a.png", png), ("file", "b.png", png)))).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        (await Post(alice, Multipart("b", ("file", "a.png", png), ("caption", "c", TestImages.Text("hi"))))).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        (await Post(alice, Multipart("b", ("file", "a.png", png), ("preview", "p", png), ("preview", "q", png)))).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        await probe.AssertNothingStoredAsync();

        // Malformed multipart: no closing boundary, garbage, a part without headers' end.
        var cut = Multipart("b", ("file", "a.png", png));
        (await alice.Api.SendRawAsync(HttpMethod.Post, "/api/files", cut[..(cut.Length - 8)], "multipart/form-data; boundary=b")).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        (await alice.Api.SendRawAsync(HttpMethod.Post, "/api/files", TestImages.Text("this is not multipart"), "multipart/form-data; boundary=b")).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        (await alice.Api.SendRawAsync(HttpMethod.Post, "/api/files", TestImages.Text("--b\r\nContent-Disposition: form-data; name=\"file\""), "multipart/form-data; boundary=b")).AssertProblem(HttpStatusCode.BadRequest, "bad_upload");
        await probe.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Upload_BadPreviews_AreRejectedAndStoreNothing()
    {
        var alice = await Server.RegisterAsync();
        var probe = await FileTestHelpers.NothingStoredProbe.TakeAsync(Server, alice);
        var photo = TestImages.Png(100, 100, grey: 200);

        // Not an image, a GIF (not a preview format), an image with a non-image file, too large.
        (await alice.Api.UploadAsync(photo, "p.png", TestImages.Text("not an image"))).AssertProblem(HttpStatusCode.BadRequest, "bad_preview");
        (await alice.Api.UploadAsync(photo, "p.png", TestImages.Gif(10, 10))).AssertProblem(HttpStatusCode.BadRequest, "bad_preview");
        (await alice.Api.UploadAsync(TestImages.Text("a letter"), "letter.txt", TestImages.Png(10, 10))).AssertProblem(HttpStatusCode.BadRequest, "bad_preview");
        var huge = TestImages.Png(1, 1).Concat(new byte[(256 * 1024) + 1]).ToArray();
        (await alice.Api.UploadAsync(photo, "p.png", huge)).AssertProblem(HttpStatusCode.BadRequest, "bad_preview");

        await probe.AssertNothingStoredAsync();
        Assert.False(Server.HasBlob(FileTestHelpers.Sha256(photo)));
    }

    [Fact]
    public async Task Upload_PreviewOfExactlyTheLimit_IsAccepted()
    {
        var alice = await Server.RegisterAsync();
        var preview = TestImages.Png(1, 1, grey: 5);
        preview = preview.Concat(new byte[(256 * 1024) - preview.Length]).ToArray(); // trailing bytes after IEND are ignored by readers

        var file = await alice.UploadAsync(TestImages.Png(50, 50, grey: 5), "p.png", preview);

        Assert.True(file.GetProperty("hasPreview").GetBoolean());
    }

    [Fact]
    public async Task BuiltInStickers_AreServedAsLockedDownSvgToAnyone_AndUnknownNamesAre404()
    {
        using var anonymous = Server.Anonymous();
        foreach (var name in Core.Files.Stickers.BuiltIn)
        {
            var response = await anonymous.GetBytesAsync($"/stickers/{name}.svg");
            Assert.True(response.Status == HttpStatusCode.OK, $"/stickers/{name}.svg: {(int)response.Status}");
            Assert.Equal("image/svg+xml", response.ContentType);
            Assert.StartsWith("<svg", Encoding.UTF8.GetString(response.Body).TrimStart('\uFEFF').TrimStart(), StringComparison.Ordinal);
            Assert.Equal(FilesApi.FilePolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        }

        foreach (var name in new[] { "nope", "WAVE", "..%2Fwave", "wave.svg" })
        {
            var response = await anonymous.GetBytesAsync($"/stickers/{name}.svg");
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
        }
    }

    /// <summary>A file never runs as a page: nosniff, and a sandboxed policy without scripts; revalidated before reuse.</summary>
    internal static void AssertLockedDown(BytesResponse response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(FilesApi.FilePolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("sandbox", FilesApi.FilePolicy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", FilesApi.FilePolicy, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl is { NoCache: true, Private: true }, $"Cache-Control: {response.Headers.CacheControl}");
    }

    private static async Task<ApiResponse> Post(TestUser user, byte[] body, string boundary = "b") =>
        await user.Api.SendRawAsync(HttpMethod.Post, "/api/files", body, $"multipart/form-data; boundary={boundary}");

    /// <summary>A multipart/form-data body built by hand, so tests control every byte (names included).</summary>
    internal static byte[] Multipart(string boundary, params (string Part, string FileName, byte[] Bytes)[] parts) =>
        MultipartRaw(boundary, [.. parts.Select(p => (p.Part, Encoding.UTF8.GetBytes(p.FileName), p.Bytes))]);

    internal static byte[] MultipartRaw(string boundary, params (string Part, byte[] FileName, byte[] Bytes)[] parts)
    {
        var body = new MemoryStream();
        void Write(string s) => body.Write(Encoding.ASCII.GetBytes(s));
        foreach (var (part, fileName, bytes) in parts)
        {
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{part}\"; filename=\"");
            body.Write(fileName);
            Write("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.Write(bytes);
            Write("\r\n");
        }

        Write($"--{boundary}--\r\n");
        return body.ToArray();
    }
}
