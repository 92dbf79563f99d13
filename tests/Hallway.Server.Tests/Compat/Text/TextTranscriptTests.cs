using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>
/// async_chat's protocol over TCP, byte for byte (PROTOCOLS.md §1): every command, every error
/// text, their order, and the broadcasts between two and three clients.
/// </summary>
public sealed class TextTranscriptTests
{
    [Fact]
    public async Task SyntaxErrors_AreCheckedBeforeLogin_WithAsyncChatsTexts()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = await gateway.ConnectAsync();

        foreach (var (command, reply) in Gateway.PreLoginTranscript)
        {
            await client.SendAsync(command);
            await client.ExpectAsync(reply);
        }
    }

    [Fact]
    public async Task OneClient_Login_WhoAmI_UserList_InNormalAndClearMode()
    {
        await using var gateway = await Gateway.StartAsync();
        var alice = await gateway.ConnectAsync();

        (string Command, string Reply)[] transcript =
        [
            ("login alice", "[SYSTEM INFO] - [alice] login to chat."),
            ("login alice", "[ERROR] - Already login!"),
            ("login other", "[ERROR] - Already login!"),
            ("login", "[ERROR] - require username"),
            ("whoami", "[INFO] - alice"),
            ("/whoami", "alice"),
            ("whoami ignored args", "[INFO] - alice"),
            ("userlist", "[INFO] - ['alice']"),
            ("/userlist", "['alice']"),
            ("userlist a b", "[INFO] - ['alice']"),
            ("/msgall clear mode only changes whoami and userlist", "[{time}][alice]: clear mode only changes whoami and userlist"),
            ("msg nobody hi", "[ERROR] - [nobody] not found!"),
            ("bogus", "[ERROR] - unknown command"),
        ];
        foreach (var (command, reply) in transcript)
        {
            await alice.SendAsync(command);
            await alice.ExpectAsync(reply);
        }

        await alice.SendAsync("logout");
        await alice.ExpectAsync("[SYSTEM INFO] - [alice] logout from chat.");
        await alice.ExpectClosedAsync();
    }

    [Fact]
    public async Task TwoClients_SeeLogins_PublicAndPrivateMessages_AndTheLogout()
    {
        await using var gateway = await Gateway.StartAsync();
        var alice = await gateway.LoginAsync("alice");
        var bob = await gateway.LoginAsync("bob");
        await alice.ExpectAsync("[SYSTEM INFO] - [bob] login to chat.");

        await alice.SendAsync("msgall hello  world, everyone");
        await alice.ExpectAsync("[{time}][alice]: hello  world, everyone");
        await bob.ExpectAsync("[{time}][alice]: hello  world, everyone");

        await bob.SendAsync("msg alice just for you");
        await bob.ExpectAsync("[{time}][bob][->][alice]: just for you");
        await alice.ExpectAsync("[{time}][bob][->][alice]: just for you");

        // Messaging yourself delivers it twice, as async_chat did (recipient and sender).
        await bob.SendAsync("msg bob note to self");
        await bob.ExpectAsync("[{time}][bob][->][bob]: note to self", "[{time}][bob][->][bob]: note to self");

        await alice.SendAsync("userlist");
        await alice.ExpectAsync("[INFO] - ['alice', 'bob']");
        await bob.SendAsync("/userlist");
        await bob.ExpectAsync("['alice', 'bob']");

        await bob.SendAsync("logout");
        await bob.ExpectAsync("[SYSTEM INFO] - [bob] logout from chat.");
        await bob.ExpectClosedAsync();
        await alice.ExpectAsync("[SYSTEM INFO] - [bob] logout from chat.");
        await alice.SendAsync("userlist");
        await alice.ExpectAsync("[INFO] - ['alice']");
        await alice.SendAsync("msg bob are you there");
        await alice.ExpectAsync("[{time}][alice][->][bob]: are you there");
        await alice.ExpectQuietAsync("alice");
    }

    [Fact]
    public async Task ThreeClients_UserListKeepsLoginOrder_AndEveryoneHearsEveryone()
    {
        await using var gateway = await Gateway.StartAsync();
        var carol = await gateway.LoginAsync("carol");
        var alice = await gateway.LoginAsync("alice");
        await carol.ExpectAsync("[SYSTEM INFO] - [alice] login to chat.");
        var bob = await gateway.LoginAsync("bob");
        await carol.ExpectAsync("[SYSTEM INFO] - [bob] login to chat.");
        await alice.ExpectAsync("[SYSTEM INFO] - [bob] login to chat.");

        await bob.SendAsync("userlist");
        await bob.ExpectAsync("[INFO] - ['carol', 'alice', 'bob']");

        await alice.SendAsync("msgall hi all");
        foreach (var client in new[] { alice, carol, bob })
        {
            await client.ExpectAsync("[{time}][alice]: hi all");
        }

        await carol.SendAsync("msg bob psst");
        await carol.ExpectAsync("[{time}][carol][->][bob]: psst");
        await bob.ExpectAsync("[{time}][carol][->][bob]: psst");
        await alice.ExpectQuietAsync("alice");

        await alice.SendAsync("logout");
        foreach (var client in new[] { alice, carol, bob })
        {
            await client.ExpectAsync("[SYSTEM INFO] - [alice] logout from chat.");
        }

        await alice.ExpectClosedAsync();
        await carol.SendAsync("/userlist");
        await carol.ExpectAsync("['carol', 'bob']");
    }

    [Fact]
    public async Task DroppedConnection_LogsItsUserOutAtOnce_AndTheNameIsFreeAgain()
    {
        await using var gateway = await Gateway.StartAsync();
        var alice = await gateway.LoginAsync("alice");
        var bob = await gateway.LoginAsync("bob");
        await alice.ExpectAsync("[SYSTEM INFO] - [bob] login to chat.");

        bob.Reset();
        await alice.ExpectAsync("[SYSTEM INFO] - [bob] logout from chat.");
        await alice.SendAsync("userlist");
        await alice.ExpectAsync("[INFO] - ['alice']");

        var again = await gateway.LoginAsync("bob");
        await alice.ExpectAsync("[SYSTEM INFO] - [bob] login to chat.");
        await again.ExpectQuietAsync("bob");
    }

    [Fact]
    public async Task EmptyLine_AndEndOfFile_AreDisconnects_WithTheLogoutLine()
    {
        await using var gateway = await Gateway.StartAsync();
        var alice = await gateway.LoginAsync("alice");
        var bob = await gateway.LoginAsync("bob");
        await alice.ExpectAsync("[SYSTEM INFO] - [bob] login to chat.");
        var carol = await gateway.LoginAsync("carol");
        await alice.ExpectAsync("[SYSTEM INFO] - [carol] login to chat.");
        await bob.ExpectAsync("[SYSTEM INFO] - [carol] login to chat.");

        await bob.SendRawAsync("\r\n"u8.ToArray());
        await bob.ExpectAsync("[SYSTEM INFO] - [bob] logout from chat.");
        await bob.ExpectClosedAsync();
        await alice.ExpectAsync("[SYSTEM INFO] - [bob] logout from chat.");
        await carol.ExpectAsync("[SYSTEM INFO] - [bob] logout from chat.");

        // netcat's Ctrl+D, mid-line: the half line is dropped and carol is logged out.
        await carol.SendRawAsync("msgall never fini"u8.ToArray());
        await carol.DisposeAsync();
        await alice.ExpectAsync("[SYSTEM INFO] - [carol] logout from chat.");
        await alice.ExpectQuietAsync("alice");
    }

    [Fact]
    public async Task MessageTime_IsTheStoredMessagesLocalTime()
    {
        await using var gateway = await Gateway.StartAsync();
        var web = await gateway.Server.RegisterAsync();
        var alice = await gateway.LoginAsync("alice");
        await alice.SendAsync("msgall what time is it");
        var line = await alice.LineAsync();

        var history = await web.HistoryAsync(await web.LobbyIdAsync());
        var stored = Assert.Single(history, m => m.Str("text") == "what time is it");
        var at = stored.GetProperty("createdAt").GetDateTimeOffset().ToLocalTime();
        Assert.Equal($"[{at:HH:mm:ss}][alice]: what time is it", line);
    }
}
