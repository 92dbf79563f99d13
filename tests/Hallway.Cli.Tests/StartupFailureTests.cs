using Hallway.Cli.Tests.Infrastructure;
using Hallway.Storage.Sqlite;
using Hallway.Testing;
using Microsoft.Data.Sqlite;

namespace Hallway.Cli.Tests;

/// <summary>When the data folder cannot be used, the operator gets one clear line, not a stack trace.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _workDir = TestData.TempFolder("cli-fail");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_workDir, recursive: true);
    }

    [Fact]
    public async Task Serve_OnADatabaseFromANewerHallway_RefusesWithOneClearLine()
    {
        var data = Path.Combine(_workDir, "data");
        Directory.CreateDirectory(data);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, SqliteStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteMigrator.LatestVersion + 1}";
            command.ExecuteNonQuery();
        }

        var result = await CliRun.RunAsync(_workDir, "serve", "--urls", "http://127.0.0.1:0", "--data", data);

        Assert.True(result.ExitCode != 0, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("hallway: ", line, StringComparison.Ordinal);
        Assert.Contains("upgrade Hallway", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Listening on", result.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_DataPathThatIsAFile_RefusesWithOneLineNamingTheSetting()
    {
        var file = Path.Combine(_workDir, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");

        var result = await CliRun.RunAsync(_workDir, "serve", "--urls", "http://127.0.0.1:0", "--data", file);

        Assert.True(result.ExitCode != 0, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("hallway: ", line, StringComparison.Ordinal);
        Assert.Contains("Hallway:Data", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Listening on", result.StdoutText, StringComparison.Ordinal);
    }
}
