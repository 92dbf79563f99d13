using System.Net;
using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>GET /api/session: "who am I, if anyone", answered 200 whether or not anyone is signed in.</summary>
public sealed class SessionApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Session_SignedOut_Is200WithANullUser()
    {
        using var anonymous = Server.Anonymous();
        var response = await anonymous.GetAsync("/api/session");

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, response["user"].ValueKind);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out _));
    }

    [Fact]
    public async Task Session_SignedIn_IsTheCallerAsGetMeAnswers()
    {
        var user = await Server.RegisterAsync();
        var session = await user.Api.GetAsync("/api/session");
        var me = await user.Api.GetAsync("/api/me");

        session.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(user.Id, session["user"].Long("id"));
        Assert.Equal(user.Username, session["user"].Str("username"));
        Assert.Equal(me.Json.Str("displayName"), session["user"].Str("displayName"));
        Assert.Equal(me.Json.Str("role"), session["user"].Str("role"));
    }

    [Fact]
    public async Task Session_ByCookieAlone_IsTheSignedInUser()
    {
        var user = await Server.RegisterAsync();
        using var browser = Server.Anonymous(); // keeps cookies, sends no bearer token
        (await browser.PostAsync("/api/auth/login", new { username = user.Username, password = user.Password })).AssertStatus(HttpStatusCode.OK);

        var session = await browser.GetAsync("/api/session");

        session.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(user.Id, session["user"].Long("id"));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("")]
    [InlineData("Zm9vYmFy")]
    public async Task Session_BadBearerToken_IsNoOneNotAnError(string token)
    {
        using var client = Server.Client(token);
        var response = await client.GetAsync("/api/session");

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, response["user"].ValueKind);
    }

    [Fact]
    public async Task Session_AfterLogout_IsNoOneAndClearsTheStaleCookie()
    {
        var user = await Server.RegisterAsync();
        using var browser = Server.Anonymous();
        (await browser.PostAsync("/api/auth/login", new { username = user.Username, password = user.Password })).AssertStatus(HttpStatusCode.OK);
        var token = await Server.LoginAsync(user.Username);
        using var other = Server.Client(token);

        // Revoke the browser's session from elsewhere: its cookie stays behind, naming no session.
        var sessions = (await other.GetAsync("/api/sessions")).Json.Items();
        var browserSession = sessions.Where(s => !s.GetProperty("current").GetBoolean()).Select(s => s.Long("id")).Max();
        (await other.DeleteAsync($"/api/sessions/{browserSession}")).AssertStatus(HttpStatusCode.NoContent);

        var response = await browser.GetAsync("/api/session");

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, response["user"].ValueKind);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hallway_session=", StringComparison.Ordinal));
        Assert.Contains("expires=thu, 01 jan 1970", cookie.ToLowerInvariant());
        // The revoked session is still refused where a session is required.
        (await browser.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Session_OtherMethods_AreNotAllowed()
    {
        using var anonymous = Server.Anonymous();
        var response = await anonymous.PostAsync("/api/session", new { });

        response.AssertProblem(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }
}
