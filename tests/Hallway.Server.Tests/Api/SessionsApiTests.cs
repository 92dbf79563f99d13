using System.Net;
using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Listing and revoking sessions, changing the password, and the per-account session cap.</summary>
public sealed class SessionsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private static async Task<JsonElement[]> SessionsAsync(ApiClient client)
    {
        var response = await client.GetAsync("/api/sessions");
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.Items();
    }

    private static async Task<long> CurrentSessionIdAsync(ApiClient client) =>
        (await SessionsAsync(client)).Single(s => s.GetProperty("current").GetBoolean()).Long("id");

    [Fact]
    public async Task Sessions_ListEverySessionAndMarkOnlyTheCurrentOne()
    {
        var user = await Server.RegisterAsync();
        var second = await Server.LoginAsync(user.Username);
        using var secondClient = Server.Client(second);

        var seenByFirst = await SessionsAsync(user.Api);
        var seenBySecond = await SessionsAsync(secondClient);

        Assert.Equal(2, seenByFirst.Length);
        Assert.Single(seenByFirst, s => s.GetProperty("current").GetBoolean());
        Assert.Single(seenBySecond, s => s.GetProperty("current").GetBoolean());
        Assert.NotEqual(await CurrentSessionIdAsync(user.Api), await CurrentSessionIdAsync(secondClient));
        Assert.Equal(seenByFirst.Select(s => s.Long("id")).Order(), seenBySecond.Select(s => s.Long("id")).Order());
    }

    [Fact]
    public async Task RevokeSession_KillsThatTokenOnly()
    {
        var user = await Server.RegisterAsync();
        var other = await Server.LoginAsync(user.Username);
        using var otherClient = Server.Client(other);
        var otherId = await CurrentSessionIdAsync(otherClient);

        (await user.Api.DeleteAsync($"/api/sessions/{otherId}")).AssertStatus(HttpStatusCode.NoContent);

        (await otherClient.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await user.Api.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
        Assert.DoesNotContain(await SessionsAsync(user.Api), s => s.Long("id") == otherId);
    }

    [Fact]
    public async Task RevokeSession_Current_SignsOutThisClient()
    {
        var user = await Server.RegisterAsync();
        var token = await Server.LoginAsync(user.Username);
        using var client = Server.Client(token);

        (await client.DeleteAsync($"/api/sessions/{await CurrentSessionIdAsync(client)}")).AssertStatus(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task RevokeSession_Unknown_Is404SessionNotFound()
    {
        var user = await Server.RegisterAsync();
        (await user.Api.DeleteAsync("/api/sessions/987654321")).AssertProblem(HttpStatusCode.NotFound, "session_not_found");
    }

    [Fact]
    public async Task RevokeSession_OfAnotherUser_Is404AndTheirSessionSurvives()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var bobSession = await CurrentSessionIdAsync(bob.Api);
        var cursor = await bob.CursorAsync();

        (await alice.Api.DeleteAsync($"/api/sessions/{bobSession}")).AssertProblem(HttpStatusCode.NotFound, "session_not_found");

        (await bob.Api.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
        Assert.DoesNotContain(await bob.EventsAfterAsync(cursor), e => e.Str("type") == "session.revoked");
    }

    [Fact]
    public async Task RevokeSession_LogsASessionRevokedEventForTheUser()
    {
        var user = await Server.RegisterAsync();
        using var other = Server.Client(await Server.LoginAsync(user.Username));
        var otherId = await CurrentSessionIdAsync(other);
        var cursor = await user.CursorAsync();

        (await user.Api.DeleteAsync($"/api/sessions/{otherId}")).AssertStatus(HttpStatusCode.NoContent);

        var revoked = Assert.Single(await user.EventsAfterAsync(cursor), e => e.Str("type") == "session.revoked");
        Assert.Equal(user.Id, revoked.Long("userId"));
        Assert.Equal([otherId], revoked.GetProperty("payload").GetProperty("sessionIds").Items().Select(i => i.GetInt64()));
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_IsRejectedWithWrongPassword()
    {
        var user = await Server.RegisterAsync();
        var response = await user.Api.PostAsync("/api/account/password", new { currentPassword = "not my password", newPassword = "a brand new secret" });

        response.AssertProblem(HttpStatusCode.Forbidden, "wrong_password");
        Assert.False(string.IsNullOrEmpty(await Server.LoginAsync(user.Username, user.Password)));
    }

    [Fact]
    public async Task ChangePassword_TooShortNewPassword_IsRejectedWithInvalidPassword()
    {
        var user = await Server.RegisterAsync();
        var response = await user.Api.PostAsync("/api/account/password", new { currentPassword = user.Password, newPassword = "short" });

        response.AssertProblem(HttpStatusCode.BadRequest, "invalid_password");
        Assert.False(string.IsNullOrEmpty(await Server.LoginAsync(user.Username, user.Password)));
    }

    [Fact]
    public async Task ChangePassword_Success_RevokesOtherSessionsKeepsThisOneAndTheNewPasswordWorks()
    {
        var user = await Server.RegisterAsync();
        using var other1 = Server.Client(await Server.LoginAsync(user.Username));
        using var other2 = Server.Client(await Server.LoginAsync(user.Username));
        const string newPassword = "a brand new secret";

        (await user.Api.PostAsync("/api/account/password", new { currentPassword = user.Password, newPassword })).AssertStatus(HttpStatusCode.NoContent);

        (await user.Api.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
        (await other1.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await other2.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Single(await SessionsAsync(user.Api));

        Assert.False(string.IsNullOrEmpty(await Server.LoginAsync(user.Username, newPassword)));
        using var anonymous = Server.Anonymous();
        (await anonymous.PostAsync("/api/auth/login", new { username = user.Username, password = user.Password }))
            .AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
    }

    [Fact]
    public async Task Login_21Times_KeepsOnlyThe20NewestSessions()
    {
        var user = await Server.RegisterAsync();
        var tokens = new List<string>();
        for (var i = 0; i < 21; i++)
        {
            tokens.Add(await Server.LoginAsync(user.Username));
        }

        // 22 sessions were made (registration + 21 logins); the two oldest are gone.
        using var registration = Server.Client(user.Token);
        (await registration.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        using var oldestLogin = Server.Client(tokens[0]);
        (await oldestLogin.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");

        foreach (var token in tokens.Skip(1))
        {
            using var client = Server.Client(token);
            (await client.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
        }

        using var newest = Server.Client(tokens[^1]);
        Assert.Equal(20, (await SessionsAsync(newest)).Length);
    }

    [Fact]
    public async Task Logout_LogsSessionRevokedForThatSession()
    {
        var user = await Server.RegisterAsync();
        using var other = Server.Client(await Server.LoginAsync(user.Username));
        var otherId = await CurrentSessionIdAsync(other);
        var cursor = await user.CursorAsync();

        (await other.PostAsync("/api/auth/logout")).AssertStatus(HttpStatusCode.NoContent);

        var revoked = Assert.Single(await user.EventsAfterAsync(cursor), e => e.Str("type") == "session.revoked");
        Assert.Equal([otherId], revoked.GetProperty("payload").GetProperty("sessionIds").Items().Select(i => i.GetInt64()));
    }

    [Fact]
    public async Task Login_PastTheLimit_LogsSessionRevokedForTheOldest()
    {
        var user = await Server.RegisterAsync();
        var firstSession = await CurrentSessionIdAsync(user.Api);
        for (var i = 0; i < 19; i++)
        {
            await Server.LoginAsync(user.Username);
        }

        using var newest = Server.Client(await Server.LoginAsync(user.Username)); // the 21st session
        var revoked = (await new TestUser(user.Id, user.Username, user.Password, newest.Token!, newest).EventsAfterAsync(0))
            .Where(e => e.Str("type") == "session.revoked")
            .SelectMany(e => e.GetProperty("payload").GetProperty("sessionIds").Items().Select(i => i.GetInt64()));

        Assert.Equal([firstSession], revoked);
    }

    [Fact]
    public async Task Sessions_AreListedNewestFirst()
    {
        var user = await Server.RegisterAsync();
        using var second = Server.Client(await Server.LoginAsync(user.Username));
        using var third = Server.Client(await Server.LoginAsync(user.Username));

        var ids = (await SessionsAsync(user.Api)).Select(s => s.Long("id")).ToList();

        Assert.Equal(3, ids.Count);
        Assert.Equal(await CurrentSessionIdAsync(third), ids[0]);
        Assert.Equal(await CurrentSessionIdAsync(user.Api), ids[2]);
    }
}
