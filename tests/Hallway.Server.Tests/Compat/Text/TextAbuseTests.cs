using System.Net;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>Long lines, junk, bad UTF-8, telnet negotiation, floods, idlers and mass resets.</summary>
public sealed class TextAbuseTests
{
    [Fact]
    public async Task LineOverTheLimit_GetsAnError_AndTheConnectionCloses()
    {
        await using var gateway = await Gateway.StartAsync(new Dictionary<string, string?> { ["Hallway:Text:MaxLineBytes"] = "100" });
        var web = await gateway.Server.RegisterAsync();
        var alice = await gateway.LoginAsync("alice");
        var bob = await gateway.LoginAsync("bob");
        await alice.ExpectAsync("[SYSTEM INFO] - [bob] login to chat.");

        await bob.SendAsync("msgall " + new string('x', 200));
        await bob.ExpectAsync("[ERROR] - Line longer than 100 bytes!", "[SYSTEM INFO] - [bob] logout from chat.");
        await bob.ExpectClosedAsync();
        await alice.ExpectAsync("[SYSTEM INFO] - [bob] logout from chat.");

        // A line with no newline at all is cut off the same way, before it fills memory.
        var flood = await gateway.ConnectAsync();
        await flood.SendRawAsync(new byte[5000]);
        await flood.ExpectAsync("[ERROR] - Line longer than 100 bytes!");
        await flood.ExpectClosedAsync();
        Assert.DoesNotContain(await web.TextsAsync(await web.LobbyIdAsync()), t => t.Contains("xxx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidUtf8_IsRefused_AndTheConnectionGoesOn()
    {
        await using var gateway = await Gateway.StartAsync();
        var web = await gateway.Server.RegisterAsync();
        var alice = await gateway.LoginAsync("alice");
        foreach (var bad in new byte[][] { [0x6d, 0x73, 0x67, 0x61, 0x6c, 0x6c, 0x20, 0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80] })
        {
            await alice.SendRawAsync([.. bad, (byte)'\n']);
            await alice.ExpectAsync("[ERROR] - Text must be UTF-8!");
        }

        await alice.ExpectQuietAsync("alice");
        Assert.Empty(await web.TextsAsync(await web.LobbyIdAsync()));
    }

    [Fact]
    public async Task BinaryJunk_NeverCrashes_AndStoresNothing()
    {
        await using var gateway = await Gateway.StartAsync();
        var web = await gateway.Server.RegisterAsync();
        var alice = await gateway.LoginAsync("alice");
        var random = new Random(2323);
        for (var i = 0; i < 50; i++)
        {
            var junk = new byte[random.Next(1, 200)];
            random.NextBytes(junk);
            await alice.SendRawAsync([.. junk.Where(b => b is not (byte)'\n' and not (byte)'\r' and not 0xFF), (byte)'\n']);
        }

        // Control characters inside a message are Hallway's "not allowed", never stored.
        await alice.SendAsync("msgall bell\u0007 and nul\0");
        await alice.SendAsync("whoami");
        string? line;
        do
        {
            line = await alice.LineAsync();
            Assert.NotNull(line);
            Assert.StartsWith("[", line);
        }
        while (line != "[INFO] - alice");

        var texts = await web.TextsAsync(await web.LobbyIdAsync());
        Assert.All(texts, t => Assert.DoesNotContain('\0', t));
        Assert.DoesNotContain(texts, t => t.StartsWith("bell", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TelnetNegotiation_IsDropped_AndCtrlC_IsNotAnEmptyLine()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = await gateway.ConnectAsync();

        // IAC DO ECHO, IAC WILL NAWS, IAC SB NAWS 0 80 0 24 IAC SE, then the command.
        await client.SendRawAsync([255, 253, 1, 255, 251, 31, 255, 250, 31, 0, 80, 0, 24, 255, 240, .. "login alice\r\n"u8.ToArray()]);
        await client.ExpectAsync("[SYSTEM INFO] - [alice] login to chat.");

        // Ctrl+C in telnet: IAC IP, IAC DO TIMING-MARK, then CR LF.
        await client.SendRawAsync([255, 244, 255, 253, 6, 13, 10]);
        await client.ExpectQuietAsync("alice");
    }

    [Fact]
    public async Task Flood_IsThrottled_OnceSaid_AndOnlyAcceptedMessagesAreStored()
    {
        await using var gateway = await Gateway.StartAsync(new Dictionary<string, string?> { ["Hallway:Text:CommandsPerSecond"] = "2" });
        var web = await gateway.Server.RegisterAsync();
        var alice = await gateway.LoginAsync("alice");
        var burst = string.Concat(Enumerable.Range(0, 100).Select(i => $"msgall flood {i}\n"));
        await alice.SendRawAsync(System.Text.Encoding.UTF8.GetBytes(burst));

        // Replies come in order: every accepted message echoes; the refusal is said once per burst.
        var echoed = 0;
        var refusals = 0;
        await alice.SendAsync("/whoami");
        while (true)
        {
            var line = await alice.LineAsync();
            Assert.NotNull(line);
            if (line == "alice")
            {
                break;
            }

            if (line == "[ERROR] - Too many commands, slow down!")
            {
                refusals++;
            }
            else
            {
                TextGatewayServer.AssertLine($"[{{time}}][alice]: flood {echoed}", line!);
                echoed++;
            }
        }

        Assert.InRange(refusals, 1, 2);
        Assert.InRange(echoed, 1, 20);
        var stored = (await web.TextsAsync(await web.LobbyIdAsync())).Count(t => t.StartsWith("flood ", StringComparison.Ordinal));
        Assert.Equal(echoed, stored);
    }

    [Fact]
    public async Task SilentConnections_AreReaped_LoggedInOnesWithTheirLogout()
    {
        var settings = new Dictionary<string, string?> { ["Hallway:Text:LoginTimeout"] = "00:00:01", ["Hallway:Text:IdleTimeout"] = "00:00:02" };
        await using var gateway = await Gateway.StartAsync(settings);
        var silent = await gateway.ConnectAsync();
        await silent.ExpectClosedAsync();

        var idle = await gateway.LoginAsync("idler");
        await idle.ExpectAsync("[SYSTEM INFO] - [idler] logout from chat.");
        await idle.ExpectClosedAsync();
        await gateway.WaitForNoConnectionsAsync();
        Assert.Empty(gateway.Presence.OnlineUsers());
    }

    [Fact]
    public async Task ConnectionsOverTheLimit_AreRefusedWithALine()
    {
        await using var gateway = await Gateway.StartAsync(new Dictionary<string, string?> { ["Hallway:Text:MaxConnectionsPerAddress"] = "2" });
        var first = await gateway.LoginAsync("one");
        var second = await gateway.ConnectAsync();
        await second.ExpectQuietAsync(null);
        var third = await gateway.ConnectAsync();
        await third.ExpectAsync("[ERROR] - Too many connections!");
        await third.ExpectClosedAsync();

        // Another machine (another loopback address) has its own allowance.
        var elsewhere = await gateway.ConnectAsync(IPAddress.Parse("127.0.0.2"));
        await elsewhere.ExpectQuietAsync(null);
        await first.ExpectQuietAsync("one");
    }

    [Fact]
    public async Task ThousandsOfAbruptDisconnects_LeaveNoGhostUsers()
    {
        const int Total = 2000;
        const int Parallel = 50;
        await using var gateway = await Gateway.StartAsync();
        var watcher = await gateway.LoginAsync("watcher");

        for (var batch = 0; batch < Total / Parallel; batch++)
        {
            var clients = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async i =>
            {
                var client = await TextTcpClient.ConnectAsync(gateway.Port);
                await client.LoginAsync($"g{batch}-{i % 10}-{i}");
                return client;
            }));
            foreach (var client in clients)
            {
                client.Reset();
            }
        }

        // Every login and logout reached the watcher, and the last line is its own answer.
        var logins = 0;
        var logouts = 0;
        await watcher.SendAsync("/whoami");
        while (await watcher.LineAsync() is { } line && line != "watcher")
        {
            if (line.EndsWith("login to chat.", StringComparison.Ordinal))
            {
                logins++;
            }
            else if (line.EndsWith("logout from chat.", StringComparison.Ordinal))
            {
                logouts++;
            }
        }

        // Logouts may still be on their way after /whoami; wait for the room to empty, then count.
        for (var i = 0; i < 600 && gateway.Room.OpenCount > 1; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, gateway.Room.OpenCount);
        await watcher.SendAsync("/whoami");
        while (await watcher.LineAsync() is { } line && line != "watcher")
        {
            Assert.EndsWith("logout from chat.", line);
            logouts++;
        }

        Assert.Equal(Total, logins);
        Assert.Equal(Total, logouts);
        await watcher.SendAsync("/userlist");
        await watcher.ExpectAsync("['watcher']");
        Assert.Single(gateway.Presence.OnlineUsers());
    }
}
