using Hallway.Cli.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Cli.Tests;

public sealed class HelpTests : IDisposable
{
    private readonly string _workDir = TestData.TempFolder("cli-help");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Fact]
    public async Task Help_ListsTheServeCommand()
    {
        var result = await CliRun.RunAsync(_workDir, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Stdout, l => l.TrimStart().StartsWith("serve", StringComparison.Ordinal));
        Assert.Contains("Start the Hallway server", result.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeHelp_ListsEveryOptionWithItsDescription()
    {
        var result = await CliRun.RunAsync(_workDir, "serve", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Stdout, l => l.Contains("--port", StringComparison.Ordinal) && l.Contains("HTTP port", StringComparison.Ordinal));
        Assert.Contains(result.Stdout, l => l.Contains("--data", StringComparison.Ordinal) && l.Contains("Data folder", StringComparison.Ordinal));
        Assert.Contains(result.Stdout, l => l.Contains("--urls", StringComparison.Ordinal) && l.Contains("listen URLs", StringComparison.Ordinal));
        Assert.Contains(result.Stdout, l => l.Contains("--text-port", StringComparison.Ordinal) && l.Contains("telnet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_DoesNotStartAServerOrCreateData()
    {
        var result = await CliRun.RunAsync(_workDir, "serve", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("Listening on", result.StdoutText, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workDir, "data")));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("admin create-admin")]
    [InlineData("admin user")]
    [InlineData("admin user add")]
    [InlineData("admin user list")]
    [InlineData("admin user disable")]
    [InlineData("admin user enable")]
    [InlineData("admin user reset-password")]
    [InlineData("admin import")]
    [InlineData("admin group create")]
    [InlineData("admin export")]
    [InlineData("admin demo")]
    [InlineData("admin backup")]
    [InlineData("admin restore")]
    [InlineData("admin config check")]
    public async Task EveryAdminCommand_HasHelp_WithADescription_AndTouchesNothing(string command)
    {
        var result = await CliRun.RunAsync(_workDir, [.. command.Split(' '), "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var description = result.Stdout.SkipWhile(l => !l.StartsWith("Description:", StringComparison.Ordinal)).Skip(1).FirstOrDefault() ?? string.Empty;
        Assert.True(description.Trim().Length > 10, result.ToString());
        Assert.Contains(result.Stdout, l => l.StartsWith("Usage:", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_workDir, "data")));
    }
}
