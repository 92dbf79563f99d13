using System.Net;
using Hallway.Server.Tests.Api;
using Hallway.Server.Tests.Compat.School;
using Hallway.Server.Tests.Compat.Text;
using Hallway.Testing;

namespace Hallway.Server.Tests.Security;

/// <summary>
/// The gateways have no second sign-in step: an account with two-factor sign-in is refused there,
/// with each gateway's own words, and only once its password proved right.
/// </summary>
public sealed class GatewayTwoFactorTests
{
    [Fact]
    public async Task SchoolLogin_RefusesATwoFactorAccount_With401AndItsDetail()
    {
        await using var server = await TestServer.StartAsync();
        await server.RegisterAsync(); // the admin
        var pat = await server.RegisterAsync();
        var (_, recoveryCodes) = await pat.EnableTwoFactorAsync(TimeProvider.System);
        using var school = server.Anonymous();

        var refused = await school.PostAsync("/auth/login", new { username = pat.Username, password = pat.Password });
        refused.AssertDetail(HttpStatusCode.Unauthorized, "Two-factor sign-in is on for this account: use the web app");
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.ToString());

        // A wrong password still says only that.
        (await school.PostAsync("/auth/login", new { username = pat.Username, password = "not the password" }))
            .AssertDetail(HttpStatusCode.Unauthorized, "Invalid credentials");
        Assert.Equal(1, await pat.SessionCountAsync());

        // The native API still signs the account in, in two steps.
        var native = await server.LoginAsync(pat.Username, pat.Password);
        Assert.True(native.Json.GetProperty("twoFactorRequired").GetBoolean());

        // Turned off, the school client signs in as before.
        (await pat.Api.PostAsync("/api/account/2fa/disable", new { password = pat.Password, code = recoveryCodes[0] })).AssertStatus(HttpStatusCode.NoContent);
        var login = await school.PostAsync("/auth/login", new { username = pat.Username, password = pat.Password });
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.False(string.IsNullOrEmpty(login.Json.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task TextLogin_RefusesATwoFactorAccount_WithAnErrorLine_AndStaysUsable()
    {
        await using var gateway = await Gateway.StartAsync(new Dictionary<string, string?> { ["Hallway:Text:Identity"] = "accounts" });
        var quinn = await gateway.Server.RegisterAsync("quinn");
        await quinn.EnableTwoFactorAsync(TimeProvider.System);
        var client = await gateway.ConnectAsync();

        await client.SendAsync("login quinn not the password");
        await client.ExpectAsync("[ERROR] - Wrong username or password.");
        await client.SendAsync($"login quinn {quinn.Password}");
        await client.ExpectAsync("[ERROR] - Two-factor sign-in is on: use the web app");
        await client.ExpectQuietAsync(null);
        Assert.Equal(1, await quinn.SessionCountAsync());

        var rita = await gateway.Server.RegisterAsync("rita");
        await client.SendAsync($"login rita {rita.Password}");
        await client.ExpectAsync("[SYSTEM INFO] - [rita] login to chat.");
    }
}
