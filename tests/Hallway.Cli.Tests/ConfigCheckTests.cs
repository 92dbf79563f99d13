using Hallway.Cli.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Cli.Tests;

/// <summary><c>hallway admin config check</c>: serve's settings checked without starting anything.</summary>
public sealed class ConfigCheckTests : IDisposable
{
    private readonly string _workDir = TestData.TempFolder("cli-config");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    private string Data => Path.Combine(_workDir, "data");

    [Fact]
    public async Task GoodSettings_AreReported_AndNothingIsCreated()
    {
        await File.WriteAllTextAsync(Path.Combine(_workDir, "appsettings.json"), """{ "Hallway": { "Port": 9123, "Text": { "Port": 0 } } }""");

        // The test runner's loopback Listen (with a port of its own) would override Text:Port.
        var result = await CliRun.RunAsync(_workDir, new Dictionary<string, string> { ["HALLWAY__Text__Listen"] = "0.0.0.0" }, "admin", "config", "check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Settings are valid.", result.Stdout[0]);
        Assert.Contains(result.Stdout, l => l.Contains("http://0.0.0.0:9123", StringComparison.Ordinal));
        Assert.Contains(result.Stdout, l => l.Contains("Text chat", StringComparison.Ordinal) && l.Contains("/text only (TCP off)", StringComparison.Ordinal));
        Assert.Contains(result.Stdout, l => l.Contains("not created yet", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task EveryProblem_IsOneLine_AndExitsTwo()
    {
        var result = await CliRun.RunAsync(_workDir, new Dictionary<string, string> { ["HALLWAY__PORT"] = "70000", ["HALLWAY__TEXT__MAXLINEBYTES"] = "1" }, "admin", "config", "check");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("hallway: bad setting: Hallway:Port must be 0 to 65535 (is 70000)", result.ErrorLines);
        Assert.Contains("hallway: bad setting: Hallway:Text:MaxLineBytes must be 64 to 1048576 (is 1)", result.ErrorLines);
        Assert.DoesNotContain(result.Stdout, l => l.Length > 0);
    }

    [Fact]
    public async Task ExistingDatabase_ShowsItsSchema_AndARunningServer()
    {
        await using (var first = await ServerProcess.ServeAsync(_workDir, Data))
        {
            var running = await CliRun.RunAsync(_workDir, "admin", "config", "check", "--data", Data);
            Assert.True(running.ExitCode == 0, running.ToString());
            Assert.Contains(running.Stdout, l => l.Contains("database schema", StringComparison.Ordinal) && l.Contains("a server is running on it", StringComparison.Ordinal));
        }

        var stopped = await CliRun.RunAsync(_workDir, "admin", "config", "check", "--data", Data);
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.DoesNotContain(stopped.Stdout, l => l.Contains("running", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DatabaseThatIsNotSqlite_IsAProblem()
    {
        Directory.CreateDirectory(Data);
        await File.WriteAllTextAsync(Path.Combine(Data, "hallway.db"), "this is not a database, just text long enough to have a header of sorts........");

        var result = await CliRun.RunAsync(_workDir, "admin", "config", "check", "--data", Data);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("hallway: bad setting: Hallway:Data holds hallway.db, which is not a readable SQLite database", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
