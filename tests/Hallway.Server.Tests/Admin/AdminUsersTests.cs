using System.Net;
using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Common;
using Hallway.Server.Tests.Api;
using Hallway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Server.Tests.Admin;

/// <summary>Admins list, disable, enable, re-password and remove accounts.</summary>
public sealed class AdminUsersTests : AdminServerTest
{
    [Fact]
    public async Task List_ShowsEveryoneWithFlags_FiltersAndPages()
    {
        var teacher = await Server.TeacherAsync(Admin);
        await Security.SecurityTestHelpers.EnableTwoFactorAsync(teacher, TimeProvider.System);
        var student = await Server.RegisterAsync("zed-" + Guid.NewGuid().ToString("N")[..8]);
        var disabledRow = (await Admin.Api.PostAsync($"/api/admin/users/{student.Id}/disable")).EnsureSuccess().Json;
        Assert.False(disabledRow.GetProperty("twoFactor").GetBoolean());

        var all = (await Admin.Api.GetAsync("/api/admin/users?limit=200")).Json.Items();
        Assert.Contains(all, u => u.Long("id") == Admin.Id && u.Str("role") == "admin");
        var row = all.Single(u => u.Long("id") == student.Id);
        Assert.True(row.GetProperty("disabled").GetBoolean());
        Assert.False(row.GetProperty("twoFactor").GetBoolean());
        Assert.True(all.Single(u => u.Long("id") == teacher.Id).GetProperty("twoFactor").GetBoolean());
        Assert.False(row.GetProperty("isGuest").GetBoolean());
        Assert.False(row.IsNull("createdAt"));
        Assert.True(row.TryGetProperty("lastSeenAt", out _));
        Assert.True(row.TryGetProperty("online", out _));
        Assert.Equal(all.Select(u => u.Long("id")).Order(), all.Select(u => u.Long("id")));

        Assert.All((await Admin.Api.GetAsync("/api/admin/users?role=teacher")).Json.Items(), u => Assert.Equal("teacher", u.Str("role")));
        Assert.Contains((await Admin.Api.GetAsync("/api/admin/users?role=teacher")).Json.Items(), u => u.Long("id") == teacher.Id);
        var disabled = (await Admin.Api.GetAsync("/api/admin/users?disabled=true")).Json.Items();
        Assert.Contains(disabled, u => u.Long("id") == student.Id);
        Assert.All(disabled, u => Assert.True(u.GetProperty("disabled").GetBoolean()));
        Assert.DoesNotContain((await Admin.Api.GetAsync("/api/admin/users?disabled=false")).Json.Items(), u => u.Long("id") == student.Id);
        Assert.Equal([student.Id], (await Admin.Api.GetAsync($"/api/admin/users?query={student.Username[..8].ToUpperInvariant()}")).Json.Items().Select(u => u.Long("id")));

        var first = (await Admin.Api.GetAsync("/api/admin/users?limit=1")).Json.Items();
        Assert.Equal(Admin.Id, Assert.Single(first).Long("id"));
        var next = (await Admin.Api.GetAsync($"/api/admin/users?limit=1&after={Admin.Id}")).Json.Items();
        Assert.True(Assert.Single(next).Long("id") > Admin.Id);
    }

    [Theory]
    [InlineData("?limit=0", "invalid_limit")]
    [InlineData("?limit=201", "invalid_limit")]
    [InlineData("?limit=abc", "bad_request")]
    [InlineData("?disabled=maybe", "bad_request")]
    [InlineData("?role=god", "bad_request")]
    [InlineData("?role=Admin", "bad_request")]
    [InlineData("?after=x", "bad_request")]
    public async Task List_RefusesBadParameters(string query, string code) =>
        (await Admin.Api.GetAsync("/api/admin/users" + query)).AssertProblem(HttpStatusCode.BadRequest, code);

    [Fact]
    public async Task List_RefusesAnOverlongOrControlQuery()
    {
        (await Admin.Api.GetAsync("/api/admin/users?query=" + new string('a', 65))).AssertProblem(HttpStatusCode.BadRequest, "invalid_query");
        (await Admin.Api.GetAsync("/api/admin/users?query=a%01b")).AssertProblem(HttpStatusCode.BadRequest, "invalid_query");
    }

    [Fact]
    public async Task Disable_ClosesTheirSocket_KillsTheirToken_RefusesSignIn_AndEnableLetsThemBack()
    {
        var bob = await Server.RegisterAsync();
        var (socket, _) = await bob.OpenAsync();
        await using var _ = socket;
        var cursor = await Admin.AuditCursorAsync();

        var answer = await Admin.Api.PostAsync($"/api/admin/users/{bob.Id}/disable");

        answer.AssertStatus(HttpStatusCode.OK);
        Assert.True(answer.Json.GetProperty("disabled").GetBoolean());
        await socket.WaitClosedAsync();
        Assert.Equal(4001, (int?)socket.CloseStatus);
        (await bob.Api.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        using (var anonymous = Server.Anonymous())
        {
            (await anonymous.PostAsync("/api/auth/login", new { username = bob.Username, password = bob.Password })).AssertProblem(HttpStatusCode.Forbidden, "account_disabled");
        }

        var audit = await Admin.SingleAuditAsync(cursor, "user.disabled");
        Assert.Equal("user", audit.Str("targetType"));
        Assert.Equal(bob.Id, audit.Long("targetId"));
        Assert.Equal(1, audit.GetProperty("detail").Long("sessionsRevoked"));

        // Again: nothing changes, nothing is audited.
        var again = await Admin.AuditCursorAsync();
        (await Admin.Api.PostAsync($"/api/admin/users/{bob.Id}/disable")).AssertStatus(HttpStatusCode.OK);
        await Admin.AssertNothingAuditedAsync(again);

        var enabled = await Admin.Api.PostAsync($"/api/admin/users/{bob.Id}/enable");
        enabled.AssertStatus(HttpStatusCode.OK);
        Assert.False(enabled.Json.GetProperty("disabled").GetBoolean());
        var token = await Server.LoginAsync(bob.Username);
        using var client = Server.Client(token);
        (await client.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
        await Admin.SingleAuditAsync(again, "user.enabled");
    }

    [Fact]
    public async Task Disable_ClosesATextGatewayGuest()
    {
        var name = "g" + Guid.NewGuid().ToString("N")[..8];
        await using var text = await TextWsClient.ConnectAsync(Server.BaseAddress);
        await text.SendAsync("login " + name);
        await text.ExpectAsync($"[SYSTEM INFO] - [{name}] login to chat.");
        var guest = (await Admin.Api.GetAsync($"/api/admin/users?query={name}")).Json.Items().Single();
        Assert.True(guest.GetProperty("isGuest").GetBoolean());

        (await Admin.Api.PostAsync($"/api/admin/users/{guest.Long("id")}/disable")).AssertStatus(HttpStatusCode.OK);

        await text.ExpectAsync(Compat.Text.TextSignOutTests.SignedOutLine, $"[SYSTEM INFO] - [{name}] logout from chat.");
        await text.ExpectClosedAsync();
    }

    [Fact]
    public async Task Disable_ClosesASchoolMessengerSocket()
    {
        var pupil = await Compat.School.School.SignUpAsync(Server);
        await using var socket = await Compat.School.SchoolSocket.ConnectAsync(Server.BaseAddress, pupil.Id, pupil.Token);
        await socket.DrainAsync(); // bound and registered: it answers pings

        (await Admin.Api.PostAsync($"/api/admin/users/{pupil.Id}/disable")).AssertStatus(HttpStatusCode.OK);

        var closed = await Assert.ThrowsAsync<InvalidOperationException>(socket.ReceiveAsync);
        Assert.Contains("socket closed", closed.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pupil.Api.GetAsync("/users/me")).Status);
    }

    [Fact]
    public async Task Disable_Yourself_IsRefused_AndNotEvenTheOperatorStopsTheLastAdmin()
    {
        var cursor = await Admin.AuditCursorAsync();
        (await Admin.Api.PostAsync($"/api/admin/users/{Admin.Id}/disable")).AssertProblem(HttpStatusCode.Conflict, "cannot_target_self");
        (await Admin.Api.DeleteAsync($"/api/admin/users/{Admin.Id}")).AssertProblem(HttpStatusCode.Conflict, "cannot_target_self");

        // Over HTTP another admin always exists beside the target; the command line's operator is nobody.
        var users = Server.App.Services.GetRequiredService<AdminUserService>();
        Assert.Equal("last_admin", (await Assert.ThrowsAsync<HallwayException>(() => users.DisableAsync(Caller.Operator, Admin.Id))).Code);
        Assert.Equal("last_admin", (await Assert.ThrowsAsync<HallwayException>(() => users.DeleteAsync(Caller.Operator, Admin.Id))).Code);
        (await Admin.Api.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
        await Admin.AssertNothingAuditedAsync(cursor);

        // The operator's own actions are audited as actor 0, "operator".
        var student = await Server.RegisterAsync();
        await users.DisableAsync(Caller.Operator, student.Id);
        var row = Assert.Single(await Admin.AuditSinceAsync(cursor));
        Assert.Equal("user.disabled", row.Str("action"));
        Assert.Equal(0, row.Long("actorId"));
        Assert.Equal("operator", row.Str("actorName"));
    }

    [Theory]
    [InlineData("POST", "/disable")]
    [InlineData("POST", "/enable")]
    [InlineData("DELETE", "")]
    public async Task UnknownUsers_AreNotFound(string method, string suffix)
    {
        var cursor = await Admin.AuditCursorAsync();
        (await Admin.Api.SendAsync(new HttpMethod(method), $"/api/admin/users/987654{suffix}", null)).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        (await Admin.Api.PostAsync("/api/admin/users/987654/password", new { password = "a new long password" })).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        (await Admin.Api.SendAsync(new HttpMethod(method), $"/api/admin/users/abc{suffix}", null)).AssertProblem(HttpStatusCode.NotFound, "not_found");
        await Admin.AssertNothingAuditedAsync(cursor);
    }

    [Fact]
    public async Task SetPassword_ReplacesIt_AndEndsTheirSessions()
    {
        var carol = await Server.RegisterAsync();
        var (socket, _) = await carol.OpenAsync();
        await using var _ = socket;
        var cursor = await Admin.AuditCursorAsync();

        (await Admin.Api.PostAsync($"/api/admin/users/{carol.Id}/password", new { password = "brand new secret" })).AssertStatus(HttpStatusCode.NoContent);

        await socket.WaitClosedAsync();
        Assert.Equal(4001, (int?)socket.CloseStatus);
        (await carol.Api.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        using var anonymous = Server.Anonymous();
        (await anonymous.PostAsync("/api/auth/login", new { username = carol.Username, password = carol.Password })).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
        await Server.LoginAsync(carol.Username, "brand new secret");
        var audit = await Admin.SingleAuditAsync(cursor, "user.password_set");
        Assert.DoesNotContain("brand new secret", audit.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"password":"short"}""", "invalid_password")]
    [InlineData("""{"password":""}""", "invalid_password")]
    [InlineData("""{"password":"tab\there and long"}""", "invalid_password")]
    [InlineData("""{"password":12345678}""", "bad_request")]
    [InlineData("""{}""", "bad_request")]
    [InlineData("""{"password":null}""", "bad_request")]
    [InlineData("""{"password":"x""", "bad_json")]
    public async Task SetPassword_RefusesBadPasswords_AndChangesNothing(string json, string code)
    {
        var dave = await Server.RegisterAsync();
        var cursor = await Admin.AuditCursorAsync();

        (await Admin.Api.SendRawAsync(HttpMethod.Post, $"/api/admin/users/{dave.Id}/password", json)).AssertProblem(HttpStatusCode.BadRequest, code);
        (await Admin.Api.SendRawAsync(HttpMethod.Post, $"/api/admin/users/{dave.Id}/password", "{\"password\":\"" + new string('p', 257) + "\"}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_password");

        (await dave.Api.GetAsync("/api/me")).AssertStatus(HttpStatusCode.OK);
        await Server.LoginAsync(dave.Username);
        await Admin.AssertNothingAuditedAsync(cursor);
    }

    [Fact]
    public async Task Delete_AnonymisesTheAccount_KeepsTheMessages_AndFreesTheName()
    {
        var erin = await Server.RegisterAsync();
        var frank = await Server.RegisterAsync();
        var group = await erin.CreateGroupAsync("Erin's group", frank);
        var said = await erin.SendAsync(group, "hello from erin");
        var direct = await frank.OpenDirectAsync(erin);
        await erin.SendAsync(direct, "a private word");
        (await frank.Api.PutAsync($"/api/contacts/{erin.Id}")).AssertStatus(HttpStatusCode.NoContent);
        var (socket, _) = await erin.OpenAsync();
        await using var _ = socket;
        var (watcher, _) = await frank.OpenAsync();
        await using var __ = watcher;
        var cursor = await Admin.AuditCursorAsync();

        (await Admin.Api.DeleteAsync($"/api/admin/users/{erin.Id}")).AssertStatus(HttpStatusCode.NoContent);

        await socket.WaitClosedAsync();
        Assert.Equal(4001, (int?)socket.CloseStatus);
        (await erin.Api.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        var updated = await watcher.NextEventAsync("user.updated", p => p.GetProperty("user").Long("id") == erin.Id);
        Assert.Equal("Deleted user", updated.GetProperty("payload").GetProperty("user").Str("displayName"));

        // The messages stay, from a "Deleted user" with no picture or about text.
        Assert.Equal("hello from erin", (await frank.MessageAsync(said.Long("id"))).Str("text"));
        Assert.Equal(["a private word"], await frank.TextsAsync(direct));
        var gone = (await frank.Api.GetAsync($"/api/users/{erin.Id}")).Json;
        Assert.Equal("Deleted user", gone.Str("displayName"));
        Assert.Equal("[deleted]", gone.Str("username"));
        Assert.Equal(string.Empty, gone.Str("about"));
        Assert.True(gone.IsNull("avatarId"));
        Assert.Equal("student", gone.Str("role"));

        // Out of groups (the owner's group passed to frank) and contacts, not in searches or the admin list.
        Assert.Equal([frank.Id], (await frank.MembersAsync(group)).Select(m => m.Long("userId")));
        Assert.Equal("owner", await frank.RoleOfAsync(group, frank));
        Assert.DoesNotContain((await frank.Api.GetAsync("/api/contacts")).Json.Items(), u => u.Long("id") == erin.Id);
        Assert.DoesNotContain((await Admin.Api.GetAsync("/api/admin/users?limit=200")).Json.Items(), u => u.Long("id") == erin.Id);
        Assert.Equal(2, (await frank.MembersAsync(direct)).Length);

        // The name is free; the old password opens nothing.
        using (var anonymous = Server.Anonymous())
        {
            (await anonymous.PostAsync("/api/auth/login", new { username = erin.Username, password = erin.Password })).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
            (await anonymous.PostAsync("/api/auth/login", new { username = "[deleted]", password = erin.Password })).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
        }

        var again = await Server.RegisterAsync(erin.Username);
        Assert.NotEqual(erin.Id, again.Id);

        // Nobody can newly reach or add the removed account; the old direct chat still opens.
        (await frank.Api.PutAsync($"/api/contacts/{erin.Id}")).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        (await frank.Api.PostAsync($"/api/chats/{group}/members", new { userIds = new[] { erin.Id } })).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        (await frank.Api.PostAsync("/api/chats", new { kind = "group", title = "again", memberIds = new[] { erin.Id } })).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        (await again.Api.PostAsync("/api/chats/direct", new { userId = erin.Id })).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        Assert.Equal(direct, await frank.OpenDirectAsync(erin));

        var audit = await Admin.SingleAuditAsync(cursor, "user.deleted");
        Assert.Equal(erin.Id, audit.Long("targetId"));
        Assert.Equal(erin.Username, audit.GetProperty("detail").Str("username"));
        Assert.DoesNotContain("hello from erin", audit.GetRawText(), StringComparison.Ordinal);

        // Removed is gone: the admin API no longer finds the account.
        (await Admin.Api.PostAsync($"/api/admin/users/{erin.Id}/enable")).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        (await Admin.Api.DeleteAsync($"/api/admin/users/{erin.Id}")).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
    }

    [Fact]
    public async Task SetPasswordOrRole_OfAGuest_IsRefused()
    {
        var name = "h" + Guid.NewGuid().ToString("N")[..8];
        await using var text = await TextWsClient.ConnectAsync(Server.BaseAddress);
        await text.SendAsync("login " + name);
        await text.ExpectAsync($"[SYSTEM INFO] - [{name}] login to chat.");
        var guest = (await Admin.Api.GetAsync($"/api/admin/users?query={name}")).Json.Items().Single();
        var cursor = await Admin.AuditCursorAsync();

        (await Admin.Api.PostAsync($"/api/admin/users/{guest.Long("id")}/password", new { password = "a long password" })).AssertProblem(HttpStatusCode.Conflict, "guest_account");
        (await Admin.Api.PutAsync($"/api/admin/users/{guest.Long("id")}/role", new { role = "admin" })).AssertProblem(HttpStatusCode.Conflict, "guest_account");
        Assert.Equal("student", (await Admin.AdminRowAsync(guest.Long("id"))).Str("role"));

        await Admin.AssertNothingAuditedAsync(cursor);
    }
}
