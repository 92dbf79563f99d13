using System.Net.WebSockets;
using Hallway.Cli.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Cli.Tests;

/// <summary>SIGTERM (systemd, docker stop, Ctrl+C's cousin) stops the server gracefully.</summary>
public sealed class ShutdownTests : IDisposable
{
    private readonly string _workDir = TestData.TempFolder("cli-stop");

    private string Data => Path.Combine(_workDir, "data");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Fact]
    public async Task Sigterm_ExitsZero_ClosesSockets_AndKeepsTheData()
    {
        long chatId;
        string token;
        await using (var server = await ServerProcess.ServeAsync(_workDir, Data))
        {
            var alice = await TestUser.RegisterAsync(server.BaseAddress);
            token = alice.Token;
            chatId = await alice.CreateGroupAsync("before the stop");
            await alice.SendAsync(chatId, "still here after the stop");
            var (socket, _) = await alice.OpenAsync();
            await using var _ = socket;

            var stopping = server.TerminateAsync();
            await socket.WaitClosedAsync();
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);

            // WsClient does not answer the close frame; dropping the connection spares the
            // server its 10 s close grace period.
            await socket.AbortAsync();
            Assert.Equal(0, await stopping);
        }

        await using var restarted = await ServerProcess.ServeAsync(_workDir, Data);
        using var api = new ApiClient(restarted.BaseAddress, token);
        var history = (await api.GetAsync($"/api/chats/{chatId}/messages")).EnsureSuccess()["messages"];
        Assert.Equal("still here after the stop", Assert.Single(history.EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Sigterm_ClosesTheDatabaseCleanly()
    {
        await using (var server = await ServerProcess.ServeAsync(_workDir, Data))
        {
            var alice = await TestUser.RegisterAsync(server.BaseAddress);
            await alice.SendAsync(await alice.CreateGroupAsync("wal"), "written");

            Assert.Equal(0, await server.TerminateAsync());
        }

        // Closing the last connection checkpoints the write-ahead log into hallway.db and removes it.
        Assert.False(File.Exists(Path.Combine(Data, "hallway.db-wal")), "hallway.db-wal is left behind after a graceful stop");
    }
}
