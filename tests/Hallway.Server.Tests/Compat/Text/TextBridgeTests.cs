using System.Net;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>
/// The text gateway is a window on Hallway, not a room of its own: msgall is the Lobby, msg is a
/// direct chat, userlist is who is online in the Lobby, on whatever transport.
/// </summary>
public sealed class TextBridgeTests
{
    [Fact]
    public async Task Msgall_PostsToTheLobby_AndLobbyMessagesReachTextUsers()
    {
        await using var gateway = await Gateway.StartAsync();
        var web = await gateway.Server.RegisterAsync();
        var lobby = await web.LobbyIdAsync();
        var guest = await gateway.LoginAsync("guest1");

        await guest.SendAsync("msgall hello from telnet");
        await guest.ExpectAsync("[{time}][guest1]: hello from telnet");
        var stored = Assert.Single(await web.HistoryAsync(lobby), m => m.Str("text") == "hello from telnet");
        var guestId = stored.Long("senderId");

        await web.SendAsync(lobby, "hello from the **web**\nsecond line");
        await guest.ExpectAsync($"[{{time}}][{web.Username}]: hello from the **web** second line");

        // The guest is a user others can see: a guest, never an admin.
        var profile = (await web.Api.GetAsync($"/api/users/{guestId}")).EnsureSuccess();
        Assert.Equal("guest1", profile.Json.Str("username"));
        Assert.True(profile.Json.GetProperty("isGuest").GetBoolean());
        Assert.Equal("student", profile.Json.Str("role"));
        Assert.True(profile.Json.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task Msg_IsADirectMessage_WithAWebUser_BothWays()
    {
        await using var gateway = await Gateway.StartAsync();
        var web = await gateway.Server.RegisterAsync();
        var guest = await gateway.LoginAsync("guest2");

        await guest.SendAsync($"msg {web.Username} hi there");
        await guest.ExpectAsync($"[{{time}}][guest2][->][{web.Username}]: hi there");
        var chats = await web.ChatsAsync();
        var direct = Assert.Single(chats, c => c.GetProperty("chat").Str("kind") == "direct").GetProperty("chat").Long("id");
        Assert.Equal(["hi there"], await web.TextsAsync(direct));

        await web.SendAsync(direct, "hello guest");
        await guest.ExpectAsync($"[{{time}}][{web.Username}][->][guest2]: hello guest");

        // The account name is found ignoring case, as Hallway's usernames are, and printed as its own.
        await guest.SendAsync($"msg {web.Username.ToUpperInvariant()} again");
        await guest.ExpectAsync($"[{{time}}][guest2][->][{web.Username}]: again");
        Assert.Equal(["hi there", "hello guest", "again"], await web.TextsAsync(direct));
    }

    [Fact]
    public async Task WebUsersPresence_ShowsAsLoginAndLogout_AndInTheUserList()
    {
        await using var gateway = await Gateway.StartAsync();
        var web = await gateway.Server.RegisterAsync();
        var guest = await gateway.LoginAsync("guest3");

        var (socket, _) = await web.OpenAsync();
        await guest.ExpectAsync($"[SYSTEM INFO] - [{web.Username}] login to chat.");
        await guest.SendAsync("userlist");
        await guest.ExpectAsync($"[INFO] - ['guest3', '{web.Username}']");

        await socket.CloseAsync();
        await guest.ExpectAsync($"[SYSTEM INFO] - [{web.Username}] logout from chat.");
        await guest.SendAsync("/userlist");
        await guest.ExpectAsync("['guest3']");
    }

    [Fact]
    public async Task WebClient_SeesTextUsersComeAndGo_AsPresence()
    {
        await using var gateway = await Gateway.StartAsync();
        var web = await gateway.Server.RegisterAsync();
        var (socket, _) = await web.OpenAsync();

        var guest = await gateway.LoginAsync("guest4");
        var online = await socket.TakeAsync(f => f.GetProperty("type").GetString() == "presence" && f.GetProperty("data").Long("userId") != web.Id && f.GetProperty("data").GetProperty("online").GetBoolean());
        var guestId = online.GetProperty("data").Long("userId");
        guest.Reset();
        await socket.TakeAsync(f => f.GetProperty("type").GetString() == "presence" && f.GetProperty("data").Long("userId") == guestId && !f.GetProperty("data").GetProperty("online").GetBoolean());
        await socket.DisposeAsync();
    }

    [Fact]
    public async Task Guests_AreReclaimedByName_NeverCountAsTheFirstAccount()
    {
        await using var gateway = await Gateway.StartAsync();
        var first = await gateway.LoginAsync("early");
        await first.SendAsync("msgall before anyone registered");
        await first.ExpectAsync("[{time}][early]: before anyone registered");
        await first.SendAsync("logout");
        await first.ExpectAsync("[SYSTEM INFO] - [early] logout from chat.");

        // The first account is still the server's admin, guests before it notwithstanding.
        var admin = await gateway.Server.RegisterAsync();
        Assert.Equal("admin", (await admin.Api.GetAsync("/api/me")).EnsureSuccess().Json.Str("role"));

        var again = await gateway.LoginAsync("early");
        await again.SendAsync("msgall back again");
        await again.ExpectAsync("[{time}][early]: back again");
        var senders = (await admin.HistoryAsync(await admin.LobbyIdAsync()))
            .Where(m => m.Str("text") is "before anyone registered" or "back again").Select(m => m.Long("senderId")).Distinct();
        Assert.Single(senders);
    }

    [Fact]
    public async Task GuestNames_ThatAreAccounts_OrOnline_AreTaken_CaseRules()
    {
        await using var gateway = await Gateway.StartAsync();
        var account = await gateway.Server.RegisterAsync("Teacher.Anna");
        var bob = await gateway.LoginAsync("bob");
        var other = await gateway.ConnectAsync();

        foreach (var name in new[] { "Teacher.Anna", "teacher.anna", "bob" })
        {
            await other.SendAsync("login " + name);
            await other.ExpectAsync("[ERROR] - Username already taken!");
        }

        // async_chat's names are case-sensitive: Bob is not bob.
        await other.SendAsync("login Bob");
        await other.ExpectAsync("[SYSTEM INFO] - [Bob] login to chat.");
        await bob.ExpectAsync("[SYSTEM INFO] - [Bob] login to chat.");

        foreach (var name in new[] { "<b>", "a&b", "it's", "back\\slash", new string('x', 33), "\u200Bzero" })
        {
            var client = await gateway.ConnectAsync();
            await client.SendAsync("login " + name);
            await client.ExpectAsync("[ERROR] - Username not allowed!");
            await client.ExpectQuietAsync(null);
        }

        await other.SendAsync("login Дима");
        await other.ExpectAsync("[ERROR] - Already login!");
        var cyrillic = await gateway.LoginAsync("Дима");
        await cyrillic.ExpectQuietAsync("Дима");
        Assert.NotNull(account);
    }

    [Fact]
    public async Task DirectMessagePolicy_HoldsOverTheTextGateway_AndNothingIsStored()
    {
        await using var gateway = await Gateway.StartAsync();
        var admin = await gateway.Server.RegisterAsync();
        var student = await gateway.Server.RegisterAsync();
        (await admin.Api.PutAsync("/api/admin/settings/direct-messages", new { policy = "staff-only" })).AssertStatus(HttpStatusCode.OK);
        var guest = await gateway.LoginAsync("guest5");

        await guest.SendAsync($"msg {student.Username} hi");
        await guest.ExpectAsync("[ERROR] - This server's rules do not let students message each other directly here.");
        await guest.ExpectQuietAsync("guest5");
        Assert.DoesNotContain(await student.ChatsAsync(), c => c.GetProperty("chat").Str("kind") == "direct");

        // Staff may still be written to, and the Lobby is open to all.
        await guest.SendAsync($"msg {admin.Username} may I");
        await guest.ExpectAsync($"[{{time}}][guest5][->][{admin.Username}]: may I");
    }

    [Fact]
    public async Task ContactsOnlyPrivacy_RefusesTheGuest_WithHallwaysReason()
    {
        await using var gateway = await Gateway.StartAsync();
        var shy = await gateway.Server.RegisterAsync();
        (await shy.Api.PutAsync("/api/me/privacy", new { whoCanMessage = "contacts", whoCanFind = "everyone" })).AssertStatus(HttpStatusCode.OK);
        var guest = await gateway.LoginAsync("guest6");

        await guest.SendAsync($"msg {shy.Username} hello");
        await guest.ExpectAsync("[ERROR] - This user accepts direct messages only from their contacts.");
        Assert.DoesNotContain(await shy.ChatsAsync(), c => c.GetProperty("chat").Str("kind") == "direct");
    }
}
