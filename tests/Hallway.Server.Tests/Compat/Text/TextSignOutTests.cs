using System.Net;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>
/// A text connection whose session ends elsewhere (a password change, the session deleted, an
/// admin setting the password or disabling the account) is told why, logged out and closed, over
/// TCP and the /text WebSocket alike: never left open in the logged-out state.
/// </summary>
public sealed class TextSignOutTests
{
    public const string SignedOutLine = "[ERROR] - Signed out elsewhere!";

    [Theory]
    [InlineData("password", "tcp")]
    [InlineData("password", "ws")]
    [InlineData("session", "tcp")]
    [InlineData("session", "ws")]
    [InlineData("reset", "tcp")]
    [InlineData("reset", "ws")]
    [InlineData("disable", "tcp")]
    [InlineData("disable", "ws")]
    public async Task SignOutElsewhere_ClosesTheTextConnection(string cause, string transport)
    {
        await using var gateway = await Gateway.StartAsync(new Dictionary<string, string?> { ["Hallway:Text:Identity"] = "both" });
        var admin = await gateway.Server.RegisterAsync();
        var anna = await gateway.Server.RegisterAsync("anna");
        var tcp = transport == "tcp" ? await gateway.ConnectAsync() : null;
        var ws = transport == "ws" ? await gateway.WebSocketAsync() : null;
        Task Send(string line) => tcp?.SendAsync(line) ?? ws!.SendAsync(line);
        Task Expect(params string[] lines) => tcp?.ExpectAsync(lines) ?? ws!.ExpectAsync(lines);

        await Send($"login anna {anna.Password}");
        await Expect("[SYSTEM INFO] - [anna] login to chat.");

        switch (cause)
        {
            case "password":
                (await anna.Api.PostAsync("/api/account/password", new { currentPassword = anna.Password, newPassword = "a new horse battery" }))
                    .AssertStatus(HttpStatusCode.NoContent);
                break;
            case "session":
                var sessions = (await anna.Api.GetAsync("/api/sessions")).EnsureSuccess().Json.Items();
                var text = Assert.Single(sessions, s => s.Str("userAgent").StartsWith("text gateway", StringComparison.Ordinal));
                (await anna.Api.DeleteAsync($"/api/sessions/{text.Long("id")}")).AssertStatus(HttpStatusCode.NoContent);
                break;
            case "reset":
                (await admin.Api.PostAsync($"/api/admin/users/{anna.Id}/password", new { password = "set by the admin" }))
                    .AssertStatus(HttpStatusCode.NoContent);
                break;
            case "disable":
                (await admin.Api.PostAsync($"/api/admin/users/{anna.Id}/disable")).AssertStatus(HttpStatusCode.OK);
                break;
        }

        await Expect(SignedOutLine, "[SYSTEM INFO] - [anna] logout from chat.");
        if (tcp is not null)
        {
            await tcp.ExpectClosedAsync();
        }
        else
        {
            await ws!.ExpectClosedAsync();
        }

        await gateway.WaitForNoConnectionsAsync();
    }
}
