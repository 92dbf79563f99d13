using System.Net;
using Hallway.Core.Accounts;
using Hallway.Server.Hosting;
using Hallway.Server.Tests.Api;
using Hallway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>
/// Guests cannot be made without end: a budget per source address and a cap on live guests
/// (refusals create nothing), housekeeping reclaims the idle ones (their messages stay, under
/// "[guest]", and the name is free), and user search leaves guests out unless asked.
/// </summary>
public sealed class TextGuestLimitTests
{
    private const string RateLine = "[ERROR] - Too many new guests from your address, try again later!";
    private const string FullLine = "[ERROR] - Too many guests on this server, ask an admin!";
    private static readonly IPAddress Elsewhere = IPAddress.Parse("127.0.0.2");

    private static Task<long> GuestsAsync(Gateway gateway) => gateway.Server.Store.ReadAsync(r => r.CountGuests());

    [Fact]
    public async Task NewGuests_PastTheAddressesBudget_AreRefused_AndNothingIsMade()
    {
        await using var gateway = await Gateway.StartAsync(new Dictionary<string, string?>
        {
            ["Hallway:Text:NewGuestsPerAddress"] = "3",
            ["Hallway:Text:NewGuestsPerAddressPerHour"] = "1",
        });
        var first = await gateway.LoginAsync("spam1");
        await gateway.LoginAsync("spam2");
        await gateway.LoginAsync("spam3");

        var refused = await gateway.ConnectAsync();
        await refused.SendAsync("login spam4");
        await refused.ExpectAsync(RateLine);
        await refused.ExpectQuietAsync(null); // still connected, not logged in
        var ws = await gateway.WebSocketAsync();
        await ws.SendAsync("login spam5");
        await ws.ExpectAsync(RateLine);
        Assert.Equal(3, await GuestsAsync(gateway));
        Assert.Null(await gateway.Server.Store.ReadAsync(r => r.GetUserByKey(GuestNames.Key("spam4"))));

        // A name used before costs nothing: spam1 comes back from the same address.
        await LogoutAsync(first, "spam1");
        await refused.SendAsync("login spam1");
        await refused.ExpectAsync("[SYSTEM INFO] - [spam1] login to chat.");

        // Another machine has its own budget.
        await gateway.LoginAsync("neighbour", Elsewhere);
        Assert.Equal(4, await GuestsAsync(gateway));
    }

    [Fact]
    public async Task NewGuests_PastTheServersCap_AreRefused_FromAnyAddress()
    {
        await using var gateway = await Gateway.StartAsync(new Dictionary<string, string?> { ["Hallway:Text:MaxGuests"] = "2" });
        var one = await gateway.LoginAsync("one");
        await gateway.LoginAsync("two", Elsewhere);

        var third = await gateway.ConnectAsync(IPAddress.Parse("127.0.0.3"));
        await third.SendAsync("login three");
        await third.ExpectAsync(FullLine);
        Assert.Equal(2, await GuestsAsync(gateway));

        // Guests that exist still come back; accounts are not guests and are not capped.
        await LogoutAsync(one, "one");
        await third.SendAsync("login one");
        await third.ExpectAsync("[SYSTEM INFO] - [one] login to chat.");
        await gateway.Server.RegisterAsync();
        Assert.Equal(2, await GuestsAsync(gateway));
    }

    [Fact]
    public async Task IdleGuests_AreReclaimed_MessagesStayUnderGuest_NameIsFree_ConnectedOnesStay()
    {
        var clock = new TestClock();
        await using var gateway = await Gateway.StartAsync(new Dictionary<string, string?> { ["Hallway:Limits:SessionLifetime"] = "90.00:00:00" }, clock);
        var alice = await gateway.Server.RegisterAsync();
        var lobby = await alice.LobbyIdAsync();
        var old = await gateway.LoginAsync("old");
        await old.SendAsync("msgall hello from old");
        await old.ExpectAsync("[{time}][old]: hello from old");
        await old.SendAsync("msg " + alice.Username + " a direct one");
        await old.ExpectAsync($"[{{time}}][old][->][{alice.Username}]: a direct one");
        await old.SendAsync("logout");
        await old.ExpectAsync("[SYSTEM INFO] - [old] logout from chat.");
        await gateway.WaitForNoConnectionsAsync();
        var oldId = (await gateway.Server.Store.ReadAsync(r => r.GetUserByKey(GuestNames.Key("old"))))!.Id;
        var here = await gateway.LoginAsync("here");
        var maintenance = gateway.Server.App.Services.GetRequiredService<Maintenance>();

        // Not idle long enough: nothing goes.
        clock.Advance(TimeSpan.FromDays(29));
        await maintenance.RunOnceAsync(clock.GetUtcNow());
        Assert.Equal(2, await GuestsAsync(gateway));

        clock.Advance(TimeSpan.FromDays(2));
        await maintenance.RunOnceAsync(clock.GetUtcNow());

        Assert.Equal(1, await GuestsAsync(gateway));
        Assert.Null(await gateway.Server.Store.ReadAsync(r => r.GetUserByKey(GuestNames.Key("old"))));
        Assert.NotNull(await gateway.Server.Store.ReadAsync(r => r.GetUserByKey(GuestNames.Key("here"))));
        var message = Assert.Single(await alice.HistoryAsync(lobby), m => m.Str("text") == "hello from old");
        Assert.Equal(oldId, message.Long("senderId"));
        var sender = (await alice.Api.GetAsync($"/api/users/{oldId}")).EnsureSuccess().Json;
        Assert.Equal("[guest]", sender.Str("username"));
        Assert.DoesNotContain(oldId, await gateway.Server.Store.ReadAsync(r => r.MemberIds(lobby)));

        // The connected guest is still there and still talks; the reclaimed name is a new guest.
        await here.ExpectQuietAsync("here");
        var again = await gateway.LoginAsync("old", Elsewhere);
        var newId = (await gateway.Server.Store.ReadAsync(r => r.GetUserByKey(GuestNames.Key("old"))))!.Id;
        Assert.NotEqual(oldId, newId);
        await again.SendAsync("msgall back again");
        await again.ExpectAsync("[{time}][old]: back again");
    }

    [Fact]
    public async Task UserSearch_LeavesGuestsOut_UnlessAskedFor()
    {
        await using var gateway = await Gateway.StartAsync();
        var alice = await gateway.Server.RegisterAsync();
        await gateway.LoginAsync("zqvisitor");
        await gateway.Server.RegisterAsync("zqpupil");

        var names = (await alice.Api.GetAsync("/api/users?q=zq")).EnsureSuccess().Json.Items().Select(u => u.Str("username"));
        Assert.Equal(["zqpupil"], names);
        var all = (await alice.Api.GetAsync("/api/users?q=zq&guests=true")).EnsureSuccess().Json.Items();
        Assert.Equal(["zqpupil", "zqvisitor"], all.Select(u => u.Str("username")).Order(StringComparer.Ordinal));
        Assert.True(Assert.Single(all, u => u.Str("username") == "zqvisitor").GetProperty("isGuest").GetBoolean());
        Assert.Equal(["zqpupil"], (await alice.Api.GetAsync("/api/users?q=zq&guests=false")).EnsureSuccess().Json.Items().Select(u => u.Str("username")));

        (await alice.Api.GetAsync("/api/users?q=zq&guests=maybe")).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
    }

    [Theory]
    [InlineData("Hallway:Text:NewGuestsPerAddress", "0")]
    [InlineData("Hallway:Text:NewGuestsPerAddressPerHour", "-1")]
    [InlineData("Hallway:Text:MaxGuests", "0")]
    [InlineData("Hallway:Text:ReclaimGuestsAfter", "00:59:59")]
    public async Task BadGuestSettings_AreRefusedAtStartUp_NamingTheSetting(string setting, string value)
    {
        var data = TestData.TempFolder("bad-guest-setting");
        try
        {
            var error = await Assert.ThrowsAsync<SettingsException>(() => TestServer.StartAsync(new Dictionary<string, string?> { [setting] = value }, data));
            Assert.StartsWith(setting + " must be", Assert.Single(error.Problems), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Logs out, reading past the login lines of those who came after (bounded).</summary>
    private static async Task LogoutAsync(TextTcpClient client, string name)
    {
        await client.SendAsync("logout");
        for (var i = 0; i < 20; i++)
        {
            var line = await client.LineAsync();
            Assert.NotNull(line);
            if (line == $"[SYSTEM INFO] - [{name}] logout from chat.")
            {
                await client.ExpectClosedAsync();
                return;
            }
        }

        Assert.Fail("no logout line");
    }
}
