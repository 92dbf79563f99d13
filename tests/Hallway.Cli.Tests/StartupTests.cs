using Hallway.Cli.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Cli.Tests;

/// <summary>The start banner, and where settings come from: appsettings.json, HALLWAY__* variables, flags.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _workDir = TestData.TempFolder("cli-start");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Fact]
    public async Task Serve_PrintsTheBannerWithTheDataFolder_AndAnswers()
    {
        var data = Path.Combine(_workDir, "my data");
        await using var server = await ServerProcess.ServeAsync(_workDir, data);

        Assert.Contains(server.Stdout, l => l.StartsWith("Listening on http://127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(server.Stdout, l => l.Contains($"Data: {data}", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(data, "hallway.db")));

        var health = await new ApiClient(server.BaseAddress).GetAsync("/healthz");
        Assert.Equal("ok", health["status"].GetString());
    }

    [Fact]
    public async Task Serve_RelativeDataFolder_IsUnderTheWorkingFolder()
    {
        await using var server = await ServerProcess.StartAsync(_workDir, null, "serve", "--urls", "http://127.0.0.1:0", "--data", "relative/folder");

        var expected = Path.Combine(_workDir, "relative", "folder");
        Assert.Contains(server.Stdout, l => l.Contains($"Data: {expected}", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(expected, "hallway.db")));
    }

    [Fact]
    public async Task Serve_WithoutDataSetting_UsesDataInTheWorkingFolder()
    {
        await using var server = await ServerProcess.StartAsync(_workDir, null, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Contains(server.Stdout, l => l.Contains($"Data: {Path.Combine(_workDir, "data")}", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_workDir, "data", "hallway.db")));
    }

    [Fact]
    public async Task Serve_ReadsAppsettingsJsonFromTheWorkingFolder()
    {
        await File.WriteAllTextAsync(Path.Combine(_workDir, "appsettings.json"),
            """{ "Hallway": { "Urls": "http://127.0.0.1:0", "Data": "from-json", "Limits": { "MaxMessageLength": 5 } } }""");

        await using var server = await ServerProcess.StartAsync(_workDir, null, "serve");

        Assert.Contains(server.Stdout, l => l.Contains($"Data: {Path.Combine(_workDir, "from-json")}", StringComparison.Ordinal));
        var alice = await TestUser.RegisterAsync(server.BaseAddress);
        var chat = await alice.CreateGroupAsync("limits");
        var tooLong = await alice.Api.PostAsync($"/api/chats/{chat}/messages", new { clientId = "c1", text = "123456" });
        Assert.Equal("message_too_long", tooLong.Code);
    }

    [Fact]
    public async Task Serve_HonoursHallwayEnvironmentVariables()
    {
        var data = Path.Combine(_workDir, "from-env");
        var environment = new Dictionary<string, string>
        {
            ["HALLWAY__DATA"] = data,
            ["HALLWAY__URLS"] = "http://127.0.0.1:0",
        };

        await using var server = await ServerProcess.StartAsync(_workDir, environment, "serve");

        Assert.Contains(server.Stdout, l => l.Contains($"Data: {data}", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(data, "hallway.db")));
    }

    [Fact]
    public async Task Serve_EnvironmentBeatsAppsettings_AndFlagsBeatBoth()
    {
        await File.WriteAllTextAsync(Path.Combine(_workDir, "appsettings.json"),
            """{ "Hallway": { "Urls": "http://127.0.0.1:0", "Data": "json-data" } }""");
        var environment = new Dictionary<string, string> { ["HALLWAY__DATA"] = "env-data" };

        await using (var envWins = await ServerProcess.StartAsync(_workDir, environment, "serve"))
        {
            Assert.Contains(envWins.Stdout, l => l.Contains($"Data: {Path.Combine(_workDir, "env-data")}", StringComparison.Ordinal));
        }

        await using var flagWins = await ServerProcess.StartAsync(_workDir, environment, "serve", "--data", "flag-data");
        Assert.Contains(flagWins.Stdout, l => l.Contains($"Data: {Path.Combine(_workDir, "flag-data")}", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_workDir, "json-data")));
    }

    [Fact]
    public async Task Serve_PortInUse_ExitsOneSayingItCannotListen()
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;

        var result = await CliRun.RunAsync(_workDir, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", Path.Combine(_workDir, "d"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(result.ErrorLines, l => l.StartsWith("hallway: cannot listen:", StringComparison.Ordinal) && l.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }
}
