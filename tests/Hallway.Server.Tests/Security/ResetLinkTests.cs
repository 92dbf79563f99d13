using System.Net;
using System.Xml.Linq;
using Hallway.Core.Accounts;
using Hallway.Server.Tests.Api;
using Hallway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Server.Tests.Security;

/// <summary>Password reset links an admin issues: shape, single use, expiry, replacement, and what a reset leaves alone.</summary>
public sealed class ResetLinkTests : IAsyncLifetime
{
    private const string NewPassword = "a reset password";
    private readonly TestClock _clock = new();
    private TestServer _server = null!;
    private TestUser _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(clock: _clock);
        _admin = await _server.RegisterAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<ApiResponse> LinkAsync(long userId)
    {
        var link = await _admin.Api.PostAsync($"/api/admin/users/{userId}/reset-link");
        return link;
    }

    private async Task<ApiResponse> InfoAsync(string token)
    {
        using var anonymous = _server.Anonymous();
        return await anonymous.GetAsync($"/api/auth/reset/{Uri.EscapeDataString(token)}");
    }

    private async Task<ApiResponse> ResetAsync(string token, string newPassword = NewPassword)
    {
        using var anonymous = _server.Anonymous();
        return await anonymous.PostAsync("/api/auth/reset", new { token, newPassword });
    }

    [Fact]
    public async Task ALink_HasARelativeAndAnAbsoluteUrl_TheTokenAfterTheHash_AndAQrCode()
    {
        var bob = await _server.RegisterAsync();
        var before = _clock.GetUtcNow();

        var link = await LinkAsync(bob.Id);

        link.AssertStatus(HttpStatusCode.OK);
        var token = link.Json.Str("token");
        Assert.Equal(43, token.Length);
        Assert.Equal(bob.Id, link.Json.Long("userId"));
        Assert.Equal("/reset#token=" + token, link.Json.Str("url"));
        Assert.Equal($"http://{_server.BaseAddress.Authority}/reset#token={token}", link.Json.Str("absoluteUrl"));
        Assert.InRange(link.Json.GetProperty("expiresAt").GetDateTimeOffset() - before, TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var svg = XDocument.Parse(link.Json.Str("qrSvg"));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.NotNull(svg.Root.Attribute("viewBox"));

        var info = await InfoAsync(token);
        info.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(bob.Username, info.Json.Str("username"));
        Assert.Equal(link.Json.GetProperty("expiresAt").GetDateTimeOffset(), info.Json.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Reset_SetsThePassword_SignsOutEverySession_DoesNotSignIn_AndIsSingleUse()
    {
        var carol = await _server.RegisterAsync();
        var second = await _server.LoginAsync(carol.Username, carol.Password);
        var token = (await LinkAsync(carol.Id)).Json.Str("token");

        var reset = await ResetAsync(token);

        reset.AssertStatus(HttpStatusCode.NoContent);
        Assert.False(reset.Headers.Contains("Set-Cookie"));
        (await carol.Api.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        using (var other = _server.Client(second.Json.Str("token")))
        {
            (await other.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        }

        (await _server.LoginAsync(carol.Username, carol.Password)).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
        (await _server.LoginAsync(carol.Username, NewPassword)).AssertStatus(HttpStatusCode.OK);

        (await ResetAsync(token, "another new password")).AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
        (await InfoAsync(token)).AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
        (await _server.LoginAsync(carol.Username, NewPassword)).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ANewLink_InvalidatesTheOlderOne()
    {
        var dan = await _server.RegisterAsync();
        var older = (await LinkAsync(dan.Id)).Json.Str("token");
        var newer = (await LinkAsync(dan.Id)).Json.Str("token");

        (await InfoAsync(older)).AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
        (await ResetAsync(older)).AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
        (await dan.Api.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK); // the refusal changed nothing
        (await ResetAsync(newer)).AssertStatus(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task AnExpiredLink_IsInvalid_AndChangesNothing()
    {
        var erin = await _server.RegisterAsync();
        var token = (await LinkAsync(erin.Id)).Json.Str("token");
        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        (await InfoAsync(token)).AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
        (await ResetAsync(token)).AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
        (await _server.LoginAsync(erin.Username, erin.Password)).AssertStatus(HttpStatusCode.OK); // the old password still works
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("8HaU0GLjqIuFMlSqAL0Yv8qKyBjNYff6ZD3hrkv46rU")]
    public async Task UnknownTokens_AreInvalid(string token)
    {
        (await InfoAsync(token)).AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
        (await InfoAsync(new string('a', 2000))).AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
        (await ResetAsync(token)).AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
        (await ResetAsync(new string('a', 500_000))).AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
        (await ResetAsync(string.Empty)).AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
    }

    [Fact]
    public async Task ABadNewPassword_IsRefusedFirst_AndTheLinkStillWorks()
    {
        var fay = await _server.RegisterAsync();
        var token = (await LinkAsync(fay.Id)).Json.Str("token");

        (await ResetAsync(token, "short")).AssertProblem(HttpStatusCode.BadRequest, "invalid_password");
        (await ResetAsync(token, new string('p', 257))).AssertProblem(HttpStatusCode.BadRequest, "invalid_password");

        (await InfoAsync(token)).AssertStatus(HttpStatusCode.OK);
        (await ResetAsync(token)).AssertStatus(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("""{"token":"x"}""", "bad_request")]
    [InlineData("""{"token":7,"newPassword":"long enough"}""", "bad_request")]
    [InlineData("""{"token":"x","newPassword":""", "bad_json")]
    public async Task MalformedBodies_AreBadRequests(string json, string code)
    {
        using var anonymous = _server.Anonymous();
        (await anonymous.SendRawAsync(HttpMethod.Post, "/api/auth/reset", json)).AssertProblem(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Links_ForUnknownUsersOrGuests_AreRefused()
    {
        (await LinkAsync(987654)).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        var guest = await _server.App.Services.GetRequiredService<AccountService>().SignInGuestAsync("wanderer", new ClientInfo(null, null));
        (await LinkAsync(guest.User.Id)).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task Reset_KeepsTwoFactorSignInOn()
    {
        var gus = await _server.RegisterAsync();
        var (secret, _) = await gus.EnableTwoFactorAsync(_clock);
        var token = (await LinkAsync(gus.Id)).Json.Str("token");

        (await ResetAsync(token)).AssertStatus(HttpStatusCode.NoContent);

        var login = await _server.LoginAsync(gus.Username, NewPassword);
        login.AssertStatus(HttpStatusCode.OK);
        Assert.True(login.Json.GetProperty("twoFactorRequired").GetBoolean());
        _clock.Advance(Hallway.Core.Security.Totp.Step);
        (await _server.SecondStepAsync(login.Json.Str("challenge"), SecurityTestHelpers.Code(secret, _clock))).AssertStatus(HttpStatusCode.OK);
    }
}
