using System.Net;
using System.Net.Sockets;
using Hallway.Cli.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Cli.Tests;

/// <summary><c>serve --text-port</c>: the text chat for telnet, from the command line to a login.</summary>
public sealed class TextPortTests : IDisposable
{
    private static readonly Dictionary<string, string> OnLoopback = new() { ["HALLWAY__Text__Listen"] = "127.0.0.1" };
    private readonly string _workDir = TestData.TempFolder("cli-text");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Fact]
    public async Task TextPort_IsWhereTelnetTalks_AndTheBannerSaysSo()
    {
        var port = FreePort();
        await using var server = await ServerProcess.StartAsync(_workDir, OnLoopback,
            "serve", "--urls", "http://127.0.0.1:0", "--data", "data", "--text-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var banner = await BannerAsync(server);
        Assert.Contains($"Text chat on TCP port {port} (telnet HOST {port}); in a browser at /text", banner);

        await using var telnet = await TextTcpClient.ConnectAsync(port);
        await telnet.LoginAsync("ann");
        await telnet.SendAsync("msgall hello from the command line");
        await telnet.ExpectAsync("[{time}][ann]: hello from the command line");
    }

    [Fact]
    public async Task TextPortZero_TurnsTheTcpListenerOff()
    {
        await using var server = await ServerProcess.StartAsync(_workDir, OnLoopback,
            "serve", "--urls", "http://127.0.0.1:0", "--data", "data", "--text-port", "0");
        var banner = await BannerAsync(server);
        Assert.DoesNotContain(banner, l => l.StartsWith("Text chat", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("65536")]
    [InlineData("telnet")]
    public async Task BadTextPort_IsRefused_BeforeAnythingStarts(string value)
    {
        var result = await CliRun.RunAsync(_workDir, "serve", "--data", "data", "--text-port", value);

        Assert.NotEqual(0, result.ExitCode);
        // A word is the parser's error, a number out of range the setting's: both name what to fix.
        var error = Assert.Single(result.ErrorLines, l => !l.Contains("--help", StringComparison.Ordinal));
        Assert.True(error.Contains("--text-port", StringComparison.Ordinal) || error.Contains("Hallway:Text:Port must be 0 to 65535", StringComparison.Ordinal), error);
        Assert.False(Directory.Exists(Path.Combine(_workDir, "data")));
    }

    /// <summary>The banner up to its last line (bounded wait: it follows "Listening on").</summary>
    private static async Task<IReadOnlyList<string>> BannerAsync(ServerProcess server)
    {
        for (var i = 0; i < 600 && !server.Stdout.Contains("Press Ctrl+C to stop."); i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains("Press Ctrl+C to stop.", server.Stdout);
        return server.Stdout;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
