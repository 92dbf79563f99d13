using System.Net;
using Hallway.Server.Hosting;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Hallway:Files settings: the upload size limit at work, and bad values refused at start-up.</summary>
public sealed class FileLimitsTests : IAsyncLifetime
{
    private const int Max = 4096;

    private TestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Hallway:Files:MaxUploadBytes"] = Max.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hallway:Files:MaxPreviewBytes"] = "2048",
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Upload_OfExactlyTheLimit_IsStored()
    {
        var alice = await _server.RegisterAsync();
        var bytes = new byte[Max];
        new Random(1).NextBytes(bytes);

        var file = await alice.UploadAsync(bytes, "full.bin");

        Assert.Equal(Max, file.Long("size"));
        await alice.AssertCanReadAsync(file.Long("id"), bytes);
    }

    [Fact]
    public async Task Upload_OverTheLimit_Is413FileTooLarge_AndStoresNothing()
    {
        var alice = await _server.RegisterAsync();
        var probe = await FileTestHelpers.NothingStoredProbe.TakeAsync(_server, alice);
        var oneOver = new byte[Max + 1];
        new Random(2).NextBytes(oneOver);
        var farOver = new byte[200 * 1024]; // the server stops reading as soon as the limit is passed
        new Random(3).NextBytes(farOver);

        (await alice.Api.UploadAsync(oneOver, "big.bin")).AssertProblem(HttpStatusCode.RequestEntityTooLarge, "file_too_large");
        (await alice.Api.UploadAsync(farOver, "bigger.bin")).AssertProblem(HttpStatusCode.RequestEntityTooLarge, "file_too_large");

        await probe.AssertNothingStoredAsync();
        Assert.False(_server.HasBlob(FileTestHelpers.Sha256(oneOver)));
    }

    [Fact]
    public async Task Preview_OverItsLimit_IsBadPreview_AndStoresNothing()
    {
        var alice = await _server.RegisterAsync();
        var probe = await FileTestHelpers.NothingStoredProbe.TakeAsync(_server, alice);
        var preview = TestImages.Png(1, 1).Concat(new byte[2048]).ToArray();

        (await alice.Api.UploadAsync(TestImages.Png(10, 10), "p.png", preview)).AssertProblem(HttpStatusCode.BadRequest, "bad_preview");

        await probe.AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("Hallway:Files:MaxUploadBytes", "0")]
    [InlineData("Hallway:Files:MaxUploadBytes", "-1")]
    [InlineData("Hallway:Files:MaxUploadBytes", "1023")]
    [InlineData("Hallway:Files:MaxUploadBytes", "4294967297")]
    [InlineData("Hallway:Files:MaxPreviewBytes", "0")]
    [InlineData("Hallway:Files:MaxPreviewBytes", "16777217")]
    [InlineData("Hallway:Files:OrphanAfter", "00:00:59")]
    [InlineData("Hallway:Files:OrphanAfter", "-01:00:00")]
    public async Task BadFileSettings_AreRefusedAtStartUp_NamingTheSetting(string setting, string value)
    {
        var data = TestData.TempFolder("bad-files-setting");
        try
        {
            var error = await Assert.ThrowsAsync<SettingsException>(() => TestServer.StartAsync(new Dictionary<string, string?> { [setting] = value }, data));

            var line = Assert.Single(error.Problems);
            Assert.StartsWith(setting + " must be", line, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(data, "hallway.db")), "a refused start created the database");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData("Hallway:Files:MaxUploadBytes", "lots")]
    [InlineData("Hallway:Files:OrphanAfter", "a day")]
    public async Task UnconvertibleFileSettings_AreRefusedNamingTheSetting(string setting, string value)
    {
        var data = TestData.TempFolder("bad-files-setting");
        try
        {
            var error = await Assert.ThrowsAsync<SettingsException>(() => TestServer.StartAsync(new Dictionary<string, string?> { [setting] = value }, data));

            Assert.Contains(setting, Assert.Single(error.Problems), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
