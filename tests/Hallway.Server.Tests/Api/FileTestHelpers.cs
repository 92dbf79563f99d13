using System.Net;
using System.Text;
using System.Text.Json;
using Hallway.Server.Files;
using Hallway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Server.Tests.Api;

/// <summary>Uploads, attachments and a look at the blob folder, shared by the file tests.</summary>
internal static class FileTestHelpers
{
    /// <summary>Uploads and asserts 201; returns the Attachment.</summary>
    public static async Task<JsonElement> UploadAsync(this TestUser user, byte[] bytes, string fileName = "file.bin", byte[]? preview = null)
    {
        var response = await user.Api.UploadAsync(bytes, fileName, preview);
        response.AssertStatus(HttpStatusCode.Created);
        Assert.Equal($"/api/files/{response.Json.Long("id")}", response.Headers.Location?.OriginalString);
        return response.Json;
    }

    public static async Task<long> UploadIdAsync(this TestUser user, byte[] bytes, string fileName = "file.bin") =>
        (await user.UploadAsync(bytes, fileName)).Long("id");

    /// <summary>Sends a message with files (and an optional caption) over HTTP; returns the message.</summary>
    public static async Task<JsonElement> SendFilesAsync(this TestUser user, long chatId, long[] fileIds, string? text = null)
    {
        var response = await user.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = TestData.ClientId(), text, attachments = fileIds });
        response.AssertStatus(HttpStatusCode.Created);
        return response["message"];
    }

    public static async Task<JsonElement> SendStickerAsync(this TestUser user, long chatId, string sticker)
    {
        var response = await user.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = TestData.ClientId(), sticker });
        response.AssertStatus(HttpStatusCode.Created);
        return response["message"];
    }

    /// <summary>Asserts the user may download the file and gets exactly these bytes.</summary>
    public static async Task AssertCanReadAsync(this TestUser user, long fileId, byte[] expected)
    {
        var response = await user.Api.GetBytesAsync($"/api/files/{fileId}");
        Assert.True(response.Status == HttpStatusCode.OK, $"{user.Username} could not read file {fileId}: {(int)response.Status} {Encoding.UTF8.GetString(response.Body)}");
        Assert.Equal(expected, response.Body);
    }

    /// <summary>Asserts the file does not exist for the user (404 file_not_found), for it and its preview.</summary>
    public static async Task AssertCannotReadAsync(this TestUser user, long fileId)
    {
        foreach (var path in new[] { $"/api/files/{fileId}", $"/api/files/{fileId}/preview" })
        {
            var response = await user.Api.GetBytesAsync(path);
            Assert.True(
                response.Status == HttpStatusCode.NotFound && response.Code == "file_not_found",
                $"{user.Username} GET {path}: expected 404 file_not_found, got {(int)response.Status} {Encoding.UTF8.GetString(response.Body)}");
        }
    }

    public static BlobStore Blobs(this TestServer server) => server.App.Services.GetRequiredService<BlobStore>();

    public static FileSweeper Sweeper(this TestServer server) => server.App.Services.GetRequiredService<FileSweeper>();

    /// <summary>Content-addressed blobs on disk: files/xx/&lt;sha256&gt;.</summary>
    public static string[] BlobNames(this TestServer server) =>
        [.. Directory.EnumerateDirectories(Path.Combine(server.DataFolder, "files"))
            .Where(d => Path.GetFileName(d).Length == 2)
            .SelectMany(Directory.EnumerateFiles)
            .Select(f => Path.GetFileName(f)!)
            .Order(StringComparer.Ordinal)];

    public static bool HasBlob(this TestServer server, string sha256) => File.Exists(server.Blobs().PathOf(sha256));

    /// <summary>Leftovers of uploads in flight: none once every request has finished.</summary>
    public static string[] TempFiles(this TestServer server) =>
        [.. Directory.EnumerateFiles(Path.Combine(server.DataFolder, "files", "tmp"))];

    /// <summary>The SHA-256 blob name of some bytes, as the server names them.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>
    /// What a failed upload or send must leave behind: nothing. The next upload gets the very next
    /// id (no row was added in between), no blob appeared, and the temporary folder is empty.
    /// </summary>
    internal sealed class NothingStoredProbe
    {
        private readonly TestServer _server;
        private readonly TestUser _user;
        private long _lastId;
        private string[] _blobs;

        private NothingStoredProbe(TestServer server, TestUser user, long lastId, string[] blobs)
        {
            _server = server;
            _user = user;
            _lastId = lastId;
            _blobs = blobs;
        }

        /// <summary>Takes a reference point with a fresh upload; nothing else may upload to this server meanwhile.</summary>
        public static async Task<NothingStoredProbe> TakeAsync(TestServer server, TestUser user)
        {
            var id = await user.UploadIdAsync(TestImages.Text("probe " + Guid.NewGuid()), "probe.txt");
            return new NothingStoredProbe(server, user, id, server.BlobNames());
        }

        public async Task AssertNothingStoredAsync()
        {
            Assert.Equal(_blobs, _server.BlobNames());
            Assert.Empty(_server.TempFiles());
            var next = await _user.UploadIdAsync(TestImages.Text("probe " + Guid.NewGuid()), "probe.txt");
            Assert.Equal(_lastId + 1, next);
            (_lastId, _blobs) = (next, _server.BlobNames()); // ready for the next check
        }
    }
}
