using System.Net;
using System.Net.WebSockets;
using System.Text;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>
/// async_chat over the /text WebSocket (PROTOCOLS.md §1): one text frame a command, each reply a
/// {"action":"response"} frame with the TCP line as its message (HTML-escaped for the page's
/// innerHTML), the reply to /userlist a {"action":"list"} frame. Same room as TCP.
/// </summary>
public sealed class TextWebSocketTests
{
    [Fact]
    public async Task SyntaxErrors_AndFirstLogin_AreTheTcpTexts()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = await gateway.WebSocketAsync();

        foreach (var (command, reply) in Gateway.PreLoginTranscript)
        {
            await client.SendAsync(command);
            await client.ExpectAsync(reply);
        }
    }

    [Fact]
    public async Task Login_WhoAmI_UserList_InBothModes_AndLogoutCloses()
    {
        await using var gateway = await Gateway.StartAsync();
        var alice = await gateway.WebSocketAsync();

        await alice.SendAsync("login alice");
        await alice.ExpectAsync("[SYSTEM INFO] - [alice] login to chat.");
        await alice.SendAsync("login alice");
        await alice.ExpectAsync("[ERROR] - Already login!");
        await alice.SendAsync("whoami");
        await alice.ExpectAsync("[INFO] - alice");
        await alice.SendAsync("/whoami extra");
        await alice.ExpectAsync("alice");

        // Python's list repr, HTML-escaped: the quotes are the page's text, not markup.
        await alice.SendAsync("userlist");
        await alice.ExpectAsync("[INFO] - [&#39;alice&#39;]");
        await alice.SendAsync("/userlist");
        Assert.Equal(["alice"], await alice.ExpectListAsync());

        await alice.SendAsync("logout");
        await alice.ExpectAsync("[SYSTEM INFO] - [alice] logout from chat.");
        await alice.ExpectClosedAsync();
    }

    [Fact]
    public async Task WebSocketAndTcpUsers_ShareOneRoom()
    {
        await using var gateway = await Gateway.StartAsync();
        var tcp = await gateway.LoginAsync("tom");
        var ws = await gateway.WebSocketAsync();

        await ws.SendAsync("login wendy");
        await ws.ExpectAsync("[SYSTEM INFO] - [wendy] login to chat.");
        await tcp.ExpectAsync("[SYSTEM INFO] - [wendy] login to chat.");
        await ws.SendAsync("/userlist");
        Assert.Equal(["tom", "wendy"], await ws.ExpectListAsync());

        await tcp.SendAsync("msgall hello <everyone> & \"friends\"");
        await tcp.ExpectAsync("[{time}][tom]: hello <everyone> & \"friends\"");
        await ws.ExpectAsync("[{time}][tom]: hello &lt;everyone&gt; &amp; &quot;friends&quot;");

        await ws.SendAsync("msg tom <b>psst</b>");
        await ws.ExpectAsync("[{time}][wendy][-&gt;][tom]: &lt;b&gt;psst&lt;/b&gt;");
        await tcp.ExpectAsync("[{time}][wendy][->][tom]: <b>psst</b>");

        await ws.SendAsync("msg nobody hi");
        await ws.ExpectAsync("[ERROR] - [nobody] not found!");

        // A socket that vanishes without a close frame logs its user out at once.
        ws.Abort();
        await tcp.ExpectAsync("[SYSTEM INFO] - [wendy] logout from chat.");
        await tcp.SendAsync("/userlist");
        await tcp.ExpectAsync("['tom']");
    }

    [Fact]
    public async Task BinaryFrames_AndJunk_AreRefused_AndStoreNothing()
    {
        await using var gateway = await Gateway.StartAsync();
        var web = await gateway.Server.RegisterAsync();
        var lobby = await web.LobbyIdAsync();
        var client = await gateway.WebSocketAsync();
        await client.SendAsync("login bin");
        await client.ExpectAsync("[SYSTEM INFO] - [bin] login to chat.");

        await client.SendAsync(Encoding.UTF8.GetBytes("msgall as binary"), WebSocketMessageType.Binary);
        await client.ExpectAsync("[ERROR] - Send commands as text frames!");
        await client.SendAsync("not json, not a command {\"action\":1}");
        await client.ExpectAsync("[ERROR] - unknown command");

        // Still connected and still itself after all of it.
        await client.SendAsync("whoami");
        await client.ExpectAsync("[INFO] - bin");
        Assert.DoesNotContain(await web.TextsAsync(lobby), t => t.Contains("binary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidUtf8_InATextFrame_ClosesWith1007_AndLogsTheUserOut()
    {
        await using var gateway = await Gateway.StartAsync();
        var web = await gateway.Server.RegisterAsync();
        var lobby = await web.LobbyIdAsync();
        var watcher = await gateway.LoginAsync("watcher");
        var client = await gateway.WebSocketAsync();
        await client.SendAsync("login utf");
        await client.ExpectAsync("[SYSTEM INFO] - [utf] login to chat.");
        await watcher.ExpectAsync("[SYSTEM INFO] - [utf] login to chat.");

        // RFC 6455 §8.1: a text frame must be UTF-8; the WebSocket layer fails the connection.
        await client.SendAsync([.. "msgall bad "u8, 0xC3, 0x28], WebSocketMessageType.Text);
        await client.ExpectClosedAsync();
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, client.CloseStatus);
        await watcher.ExpectAsync("[SYSTEM INFO] - [utf] logout from chat.");
        Assert.DoesNotContain(await web.TextsAsync(lobby), t => t.StartsWith("bad", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OversizedFrame_IsRefused_AndClosesTheSocket_StoringNothing()
    {
        await using var gateway = await Gateway.StartAsync(new Dictionary<string, string?> { ["Hallway:Text:MaxLineBytes"] = "1024" });
        var web = await gateway.Server.RegisterAsync();
        var lobby = await web.LobbyIdAsync();
        var watcher = await gateway.LoginAsync("watcher");
        var client = await gateway.WebSocketAsync();
        await client.SendAsync("login big");
        await client.ExpectAsync("[SYSTEM INFO] - [big] login to chat.");
        await watcher.ExpectAsync("[SYSTEM INFO] - [big] login to chat.");

        await client.SendAsync("msgall " + new string('x', 2000));
        await client.ExpectAsync("[ERROR] - Line longer than 1024 bytes!", "[SYSTEM INFO] - [big] logout from chat.");
        await client.ExpectClosedAsync();
        await watcher.ExpectAsync("[SYSTEM INFO] - [big] logout from chat.");
        Assert.DoesNotContain(await web.TextsAsync(lobby), t => t.StartsWith("xxx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetText_ServesThePage_AndItsScriptAndStyle_UnderTheStrictPolicy()
    {
        await using var gateway = await Gateway.StartAsync();
        using var api = new ApiClient(gateway.Server.BaseAddress);

        var page = await api.GetBytesAsync("/text");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.Equal("utf-8", page.ContentHeaders.ContentType!.CharSet);
        var html = Encoding.UTF8.GetString(page.Body);
        Assert.Contains("<script src=\"/text/text.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(Hallway.Server.Hosting.WebClient.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());

        var script = await api.GetBytesAsync("/text/text.js");
        Assert.Equal(HttpStatusCode.OK, script.Status);
        Assert.Equal("text/javascript", script.ContentType);
        Assert.Contains("/userlist", Encoding.UTF8.GetString(script.Body), StringComparison.Ordinal);

        var style = await api.GetBytesAsync("/text/text.css");
        Assert.Equal(HttpStatusCode.OK, style.Status);
        Assert.Equal("text/css", style.ContentType);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetBytesAsync("/text/other.js")).Status);
    }
}
