using System.Net;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>
/// Who <c>login</c> makes: a guest (async_chat's way, the default), an account with its password
/// (Hallway's extension, when the operator requires accounts), or either.
/// </summary>
public sealed class TextIdentityTests
{
    private static Dictionary<string, string?> Identity(string mode) => new() { ["Hallway:Text:Identity"] = mode };

    [Fact]
    public async Task AccountsMode_TakesNameAndPassword_AndRefusesGuests()
    {
        await using var gateway = await Gateway.StartAsync(Identity("accounts"));
        var anna = await gateway.Server.RegisterAsync("anna");
        var client = await gateway.ConnectAsync();

        await client.SendAsync("login visitor");
        await client.ExpectAsync("[ERROR] - Password required: login <name> <password>");
        await client.SendAsync("login anna wrong password");
        await client.ExpectAsync("[ERROR] - Wrong username or password.");
        await client.SendAsync("login nobody whatever");
        await client.ExpectAsync("[ERROR] - Wrong username or password.");
        await client.ExpectQuietAsync(null);

        // The password is the rest of the line, spaces and all; the name is the account's own spelling.
        await client.SendAsync($"login ANNA {anna.Password}");
        await client.ExpectAsync("[SYSTEM INFO] - [anna] login to chat.");
        await client.SendAsync("msgall signed in over telnet");
        await client.ExpectAsync("[{time}][anna]: signed in over telnet");
        Assert.Contains("signed in over telnet", await anna.TextsAsync(await anna.LobbyIdAsync()));

        // The same account twice over text: async_chat's "taken".
        var second = await gateway.ConnectAsync();
        await second.SendAsync($"login anna {anna.Password}");
        await second.ExpectAsync("[ERROR] - Username already taken!");

        // Its session is listed like any other, and revoking it logs the text connection out.
        var sessions = (await anna.Api.GetAsync("/api/sessions")).EnsureSuccess().Json.Items();
        var text = Assert.Single(sessions, s => s.Str("userAgent") == "text gateway (telnet)");
        (await anna.Api.DeleteAsync($"/api/sessions/{text.Long("id")}")).AssertStatus(HttpStatusCode.NoContent);
        await client.ExpectAsync(TextSignOutTests.SignedOutLine, "[SYSTEM INFO] - [anna] logout from chat.");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task GuestsMode_LoginWithAPassword_IsOverageInfo_AsInAsyncChat()
    {
        await using var gateway = await Gateway.StartAsync();
        var anna = await gateway.Server.RegisterAsync("anna");
        var client = await gateway.ConnectAsync();
        await client.SendAsync($"login anna {anna.Password}");
        await client.ExpectAsync("[ERROR] - overage info");
    }

    [Fact]
    public async Task BothMode_NameAloneIsAGuest_NameAndPasswordAnAccount()
    {
        await using var gateway = await Gateway.StartAsync(Identity("both"));
        var anna = await gateway.Server.RegisterAsync("anna");
        var guest = await gateway.LoginAsync("visitor");
        var account = await gateway.ConnectAsync();
        await account.SendAsync($"login anna {anna.Password}");
        await account.ExpectAsync("[SYSTEM INFO] - [anna] login to chat.");
        await guest.ExpectAsync("[SYSTEM INFO] - [anna] login to chat.");
        await guest.SendAsync("userlist");
        await guest.ExpectAsync("[INFO] - ['visitor', 'anna']");
    }

    [Fact]
    public async Task AccountSignIn_OverText_CountsTowardsTheLockout()
    {
        var settings = Identity("accounts");
        settings["Hallway:SignIn:FailuresPerAccount"] = "3";
        await using var gateway = await Gateway.StartAsync(settings);
        var anna = await gateway.Server.RegisterAsync("anna");
        var client = await gateway.ConnectAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync("login anna not-her-password");
            await client.ExpectAsync("[ERROR] - Wrong username or password.");
        }

        await client.SendAsync($"login anna {anna.Password}");
        var line = await client.LineAsync();
        Assert.StartsWith("[ERROR] - ", line);
        Assert.DoesNotContain("login to chat", line);
    }

    [Fact]
    public async Task DisabledGateway_HasNoPage_NoSocket_AndNoPort()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hallway:Text:Enabled"] = "false", ["Hallway:Text:Listen"] = "127.0.0.1:0" });
        (await server.Anonymous().GetAsync("/text")).AssertStatus(HttpStatusCode.NotFound);
        Assert.Null(server.App.Services.GetService(typeof(Hallway.Server.Compat.Text.TextListener)));
    }
}
